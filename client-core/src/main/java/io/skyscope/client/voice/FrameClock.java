package io.skyscope.client.voice;

import java.util.concurrent.locks.LockSupport;

/**
 * Paces a loop at one tick per 10 ms against the monotonic clock, as a sound card would. Falling
 * more than 100 ms behind (a paused JVM) starts afresh instead of catching up in a burst.
 * Used by one thread.
 */
final class FrameClock {
    private static final long PERIOD = Pcm.FRAME_MILLIS * 1_000_000L;
    private long next = System.nanoTime();

    /** Sleeps until the next tick; returns false if the thread was interrupted. */
    boolean await() {
        next += PERIOD;
        long now = System.nanoTime();
        if (now - next > 10 * PERIOD) {
            next = now;
        }
        long wait;
        while ((wait = next - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
