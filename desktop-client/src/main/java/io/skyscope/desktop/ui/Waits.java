package io.skyscope.desktop.ui;

/** How long to wait before trying again, in words, from a server's {@code retryAfterMs}. */
public final class Waits {

    private Waits() {
    }

    /** "in 5 s", "in 2 min", or "in a moment" when the server named no wait. */
    public static String after(Long retryAfterMs) {
        if (retryAfterMs == null || retryAfterMs <= 0) {
            return "in a moment";
        }
        long seconds = Math.max(1, (retryAfterMs + 999) / 1000);
        return seconds < 120 ? "in " + seconds + " s" : "in " + (seconds + 59) / 60 + " min";
    }
}
