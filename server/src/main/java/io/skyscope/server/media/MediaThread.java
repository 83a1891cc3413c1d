package io.skyscope.server.media;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One named platform thread that runs a media component's work in order ({@link StageRooms}'
 * {@code media-rooms}, {@link VideoRooms}' {@code media-video}): a task that throws is logged and
 * the next one runs; a task queued after {@link #close} is dropped. Any thread may queue.
 */
final class MediaThread implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MediaThread.class);

    private final String name;
    final ScheduledExecutorService executor;

    MediaThread(String name) {
        this.name = name;
        this.executor = Executors.newSingleThreadScheduledExecutor(r ->
                Thread.ofPlatform().daemon().name(name).unstarted(r));
    }

    /** Runs {@code task} on the thread, after what is queued already. */
    void queue(String what, Runnable task) {
        try {
            executor.execute(() -> guarded(what, task));
        } catch (RejectedExecutionException e) {
            LOG.debug("{} closed; {} dropped", name, what);
        }
    }

    /** Runs {@code task} here and now, logging (not throwing) what it throws. */
    void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("{}: {} failed: {}", name, what, e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
