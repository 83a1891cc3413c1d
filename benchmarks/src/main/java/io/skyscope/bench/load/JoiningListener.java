package io.skyscope.bench.load;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What every load user's socket listener does alike: a close or an error is counted and fails the
 * join still awaited. Threads: the HTTP client's, one callback at a time per socket.
 */
abstract class JoiningListener implements WebSocket.Listener {
    final LoadStats stats;
    /** Completed by the subclass when the welcome arrives. */
    final CompletableFuture<Void> welcomed = new CompletableFuture<>();

    JoiningListener(LoadStats stats) {
        this.stats = stats;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        stats.closed(statusCode, reason);
        welcomed.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        stats.error("socket error: " + error);
        welcomed.completeExceptionally(error);
    }
}
