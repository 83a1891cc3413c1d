package io.skyscope.client;

import io.skyscope.protocol.ServerMessage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Messages received and not yet taken, for {@code await}: bounded (the oldest go first), filled by
 * a receive thread, read by any number of waiting threads.
 */
final class Inbox {
    private static final int LIMIT = 20_000;
    private final Deque<ServerMessage> messages = new ArrayDeque<>();

    void add(ServerMessage message) {
        synchronized (messages) {
            if (messages.size() >= LIMIT) {
                messages.removeFirst();
            }
            messages.addLast(message);
            messages.notifyAll();
        }
    }

    /** Wakes waiting threads (the connection closed) so they can give up early. */
    void wake() {
        synchronized (messages) {
            messages.notifyAll();
        }
    }

    void clear() {
        synchronized (messages) {
            messages.clear();
        }
    }

    /**
     * Takes the first message of {@code type} that matches, waiting up to {@code timeout}; fails
     * with an AssertionError naming what was awaited and {@code state}'s description.
     */
    <T extends ServerMessage> T await(Class<T> type, Predicate<? super T> match, Duration timeout,
                                      Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (messages) {
            while (true) {
                for (Iterator<ServerMessage> it = messages.iterator(); it.hasNext(); ) {
                    ServerMessage m = it.next();
                    if (type.isInstance(m) && match.test(type.cast(m))) {
                        it.remove();
                        return type.cast(m);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(new TimeoutException("no " + type.getSimpleName()
                            + " matching within " + timeout + "; " + state.get()));
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(messages, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
    }
}
