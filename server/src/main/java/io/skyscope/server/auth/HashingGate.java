package io.skyscope.server.auth;

import io.skyscope.server.Refused;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rations the CPU that password work costs (Argon2id hashes, strength estimates): it runs on a
 * few platform threads of its own, one per core, never on the virtual threads that serve
 * requests. A virtual thread that computes for tens of milliseconds keeps its carrier the whole
 * time; with hashing on the carriers, a burst of registrations held up every other request,
 * {@code /health} included. Here the operating system shares the cores between this pool and
 * everything else.
 *
 * <p>Work waits in two lanes. {@link Lane#SIGN_IN} (signing in, checking the current password)
 * always goes first; {@link Lane#NEW_ACCOUNT} (registration) runs when no sign-in is waiting.
 * Each lane holds a bounded number of waiting jobs, and a caller waits a bounded time: past
 * either, the work is refused at once with 503 and {@code Retry-After}, so excess work costs a
 * queue check, not a hash.
 *
 * <p>Thread-safe: {@link #run} is called from request threads; the pool's threads run the work
 * and end after a while without any. {@link #close} is called once, at shutdown.
 */
public final class HashingGate implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HashingGate.class);
    private static final Duration IDLE = Duration.ofSeconds(30);

    /** Which work goes first. */
    public enum Lane { SIGN_IN, NEW_ACCOUNT }

    /**
     * @param workers threads that hash at the same time
     * @param signInQueue sign-in jobs that may wait
     * @param newAccountQueue registration jobs that may wait
     * @param signInWait how long a sign-in waits for its result before giving up
     * @param newAccountWait how long a registration waits for its result before giving up
     */
    public record Limits(int workers, int signInQueue, int newAccountQueue, Duration signInWait,
                         Duration newAccountWait) {
        /** One worker per core; sign-ins may wait 5 s, registrations 3 s and only a few at a time. */
        public static Limits defaults() {
            int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
            return new Limits(cores, 64 * cores, 4 * cores, Duration.ofSeconds(5), Duration.ofSeconds(3));
        }
    }

    private final Limits limits;
    private final ThreadPoolExecutor pool;
    private final AtomicInteger[] waiting = {new AtomicInteger(), new AtomicInteger()};
    private final AtomicLong sequence = new AtomicLong();

    public HashingGate(Limits limits) {
        this.limits = limits;
        AtomicInteger names = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(limits.workers(), limits.workers(), IDLE.toSeconds(), TimeUnit.SECONDS,
                new PriorityBlockingQueue<>(),
                r -> Thread.ofPlatform().name("password-work-" + names.incrementAndGet()).daemon().unstarted(r));
        pool.allowCoreThreadTimeOut(true);
    }

    public HashingGate() {
        this(Limits.defaults());
    }

    /**
     * Runs {@code work} on the pool and returns its result; an exception it throws is rethrown.
     *
     * @throws Refused 503 with Retry-After if the lane is full or the result takes too long
     */
    public <T> T run(Lane lane, Supplier<T> work) {
        AtomicInteger inLane = waiting[lane.ordinal()];
        int queueLimit = lane == Lane.SIGN_IN ? limits.signInQueue() : limits.newAccountQueue();
        if (inLane.incrementAndGet() > queueLimit) {
            inLane.decrementAndGet();
            log.debug("Password work refused: {} lane full", lane);
            throw busy();
        }
        Job<T> job = new Job<>(lane, sequence.incrementAndGet(), work, inLane);
        try {
            pool.execute(job);
        } catch (RuntimeException e) {
            inLane.decrementAndGet();
            throw Refused.unavailable("The server is shutting down");
        }
        Duration wait = lane == Lane.SIGN_IN ? limits.signInWait() : limits.newAccountWait();
        try {
            return job.result.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            job.abandon(pool);
            log.debug("Password work gave up after {}: {} lane", wait, lane);
            throw busy();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (CancellationException e) {
            throw busy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            job.abandon(pool);
            throw Refused.unavailable("The server is shutting down");
        }
    }

    /** Jobs waiting in the lane, for tests. */
    int waiting(Lane lane) {
        return waiting[lane.ordinal()].get();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private static Refused busy() {
        return Refused.unavailable("The server is busy; try again in a moment");
    }

    /** One piece of work, ordered by lane, then first come first served. */
    private static final class Job<T> implements Runnable, Comparable<Job<?>> {
        final Lane lane;
        final long seq;
        final Supplier<T> work;
        final AtomicInteger inLane;
        final CompletableFuture<T> result = new CompletableFuture<>();
        private final AtomicInteger state = new AtomicInteger(); // 0 waiting, 1 taken (started or dropped)

        Job(Lane lane, long seq, Supplier<T> work, AtomicInteger inLane) {
            this.lane = lane;
            this.seq = seq;
            this.work = work;
            this.inLane = inLane;
        }

        @Override
        public void run() {
            if (!take()) {
                return;
            }
            if (result.isDone()) {
                return; // the caller gave up: no point in hashing for nobody
            }
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        /** The caller gives up: drop the job from the queue if it is still there. */
        void abandon(ThreadPoolExecutor pool) {
            result.cancel(false);
            if (pool.remove(this)) {
                take();
            }
        }

        private boolean take() {
            if (state.compareAndSet(0, 1)) {
                inLane.decrementAndGet();
                return true;
            }
            return false;
        }

        @Override
        public int compareTo(Job<?> other) {
            int byLane = lane.compareTo(other.lane);
            return byLane != 0 ? byLane : Long.compare(seq, other.seq);
        }
    }
}
