package io.skyscope.server.chat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Runs independent store round trips of one request at the same time, each on its own virtual
 * thread, so a send waits for the slowest of them rather than their sum. Failures come back as
 * the exception thrown, unwrapped. Thread-safe.
 */
final class Concurrently {
    private static final ExecutorService VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();

    private Concurrently() {
    }

    static <T> CompletableFuture<T> start(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, VIRTUAL);
    }

    static CompletableFuture<Void> run(Runnable work) {
        return CompletableFuture.runAsync(work, VIRTUAL);
    }

    /** The result, or the exception the work threw. */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Waits for all, then rethrows the first failure, if any. */
    static void joinAll(Iterable<? extends CompletableFuture<?>> futures) {
        RuntimeException first = null;
        for (CompletableFuture<?> f : futures) {
            try {
                join(f);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
