package io.skyscope.client.voice;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Native resources in the order they were created, released in reverse. A failure to release one
 * is logged and the rest are still released. Used by one thread at a time.
 */
final class NativeStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NativeStack.class);

    private record Entry(String name, AutoCloseable release) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();

    /** Registers {@code resource}'s release; returns the resource. */
    <T> T push(String name, T resource, AutoCloseable release) {
        entries.push(new Entry(name, release));
        return resource;
    }

    void push(String name, AutoCloseable release) {
        entries.push(new Entry(name, release));
    }

    @Override
    public void close() {
        while (!entries.isEmpty()) {
            Entry e = entries.pop();
            try {
                e.release().close();
            } catch (Throwable t) {
                LOG.warn("releasing {} failed: {}", e.name(), t.toString());
            }
        }
    }
}
