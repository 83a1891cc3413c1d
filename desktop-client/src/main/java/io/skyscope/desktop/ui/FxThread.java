package io.skyscope.desktop.ui;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;

/** Runs a step on the FX thread from another thread and waits for its result. */
public final class FxThread {
    private FxThread() {
    }

    /**
     * Calls {@code action} on the FX thread and returns what it returned; its exception is
     * rethrown (wrapped if checked). Must not be called on the FX thread itself.
     */
    public static <T> T call(Callable<T> action, Duration timeout) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.toString(), cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the FX thread did not answer within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the FX thread");
        }
    }
}
