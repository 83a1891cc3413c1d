package io.skyscope.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work once everything written before it is durable, sharing one {@link MongoStore#flush()}
 * among all the writers that asked in the meantime (group commit).
 *
 * <p>A writer stores its documents, then calls {@link #afterDurable}. The callback is queued; the
 * committer thread takes the whole queue, flushes once (covering every write made before the
 * queue was taken) and then runs the callbacks in the order they were queued. So acknowledgements
 * leave only after their data is on disk, in order per writer, and a burst of N senders costs one
 * fsync rather than N. On a real MongoDB writes are already durable when acknowledged (journaled
 * majority), so the callback runs at once on the caller's thread.
 *
 * <p>Threads: {@link #afterDurable} from any thread; callbacks run on the single committer thread
 * and must not block. {@link #close()} from the composition root, before the store is closed:
 * it flushes once more and runs what is still queued.
 */
public final class GroupCommit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    private final MongoStore store;
    private final List<Runnable> beforeFlush = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private List<Pending> queue = new ArrayList<>();
    private boolean stopped;
    private final Thread thread;
    private long flushes;
    private long batched;

    private record Pending(Runnable then, Consumer<RuntimeException> failed) {
    }

    public GroupCommit(MongoStore store) {
        this.store = store;
        this.thread = store.embedded()
                ? Thread.ofPlatform().name("group-commit").daemon().unstarted(this::run)
                : null;
    }

    public GroupCommit start() {
        if (thread != null) {
            thread.start();
        }
        return this;
    }

    /**
     * Runs {@code hook} on the committer thread just before each flush, so that state kept in
     * memory between flushes (such as sequence counters) is written into the same commit.
     */
    public void beforeFlush(Runnable hook) {
        beforeFlush.add(hook);
    }

    /**
     * Runs {@code then} once every write made before this call is durable, or {@code failed} with
     * the reason if the flush fails (the caller should then report an error that may be retried).
     */
    public void afterDurable(Runnable then, Consumer<RuntimeException> failed) {
        if (thread == null) {
            then.run();
            return;
        }
        synchronized (lock) {
            if (!stopped) {
                queue.add(new Pending(then, failed));
                lock.notifyAll();
                return;
            }
        }
        failed.accept(new IllegalStateException("the server is shutting down"));
    }

    /**
     * Blocks until everything written before this call is durable (for request threads that
     * answer only afterwards).
     *
     * @throws RuntimeException the flush failure
     */
    public void awaitDurable() {
        var done = new java.util.concurrent.CompletableFuture<Void>();
        afterDurable(() -> done.complete(null), done::completeExceptionally);
        try {
            done.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** How many callbacks one flush has served on average (1.0 = no batching), for metrics. */
    public double averageBatch() {
        synchronized (lock) {
            return flushes == 0 ? 0 : (double) batched / flushes;
        }
    }

    private void run() {
        while (true) {
            List<Pending> batch;
            synchronized (lock) {
                while (queue.isEmpty() && !stopped) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        stopped = true;
                    }
                }
                if (queue.isEmpty()) {
                    break;
                }
                batch = queue;
                queue = new ArrayList<>();
                flushes++;
                batched += batch.size();
            }
            commit(batch);
        }
        // One last commit on the way out, so memory-held state reaches the disk at shutdown.
        commit(List.of());
    }

    private void commit(List<Pending> batch) {
        RuntimeException failure = null;
        try {
            beforeFlush.forEach(Runnable::run);
            store.flush();
        } catch (RuntimeException e) {
            LOG.error("flush of {} writes failed; their senders get an error to retry", batch.size(), e);
            failure = e;
        }
        for (Pending p : batch) {
            try {
                if (failure == null) {
                    p.then().run();
                } else {
                    p.failed().accept(failure);
                }
            } catch (RuntimeException e) {
                LOG.warn("group commit callback failed", e);
            }
        }
    }

    @Override
    public void close() {
        if (thread == null) {
            return;
        }
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
