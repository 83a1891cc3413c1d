package io.skyscope.server.ws;

/**
 * How many {@code signal} frames one connection may send on top of its general frame budget.
 *
 * <p>Setting up a direct voice link takes a burst of signals: the offer or the answer and every
 * trickled ICE candidate (one per address, protocol and server: a dozen or more on a laptop with
 * several interfaces and a TURN server). Meeting five people at once is five such bursts together,
 * more than the general budget allows, although nothing about it is abuse. So each link the server
 * itself names for the connection (each {@code voice.join} or {@code voice.warm} it sends)
 * grants {@link Limits#perLink} units, kept for {@link Limits#grantMillis} after the latest grant and never more than
 * {@link Limits#maxGranted} at once; a small steady allowance ({@link Limits#steadyBurst}, refilled at
 * {@link Limits#steadyPerSecond}) covers renegotiation on links already up (a camera turned on, an
 * ICE restart). A client that has been named no links has only the steady allowance, and a client
 * cannot earn grants itself: links come from walking near people, which the server debounces.
 * A granted signal costs one unit per started {@value #UNIT_CHARS} characters of its frame (a
 * candidate one, an offer or answer two or three), so the grants cannot pile more than
 * {@code maxGranted} × {@value #UNIT_CHARS} characters into the queues of the peers in one go: well
 * under what gets a peer disconnected as too slow.
 * Signals beyond this budget fall back to the general frame budget, and refusals there count as
 * strikes as before.
 *
 * <p>Threads: {@link #grant} is called by whichever thread queues a {@code voice.join} for the
 * connection (bus listeners, space owners); {@link #tryTake} by the connection's inbound thread.
 * Both are synchronized: they are rare and short.
 */
final class SignalBudget {
    /** Characters of a signal frame that one unit of a grant pays for. */
    static final int UNIT_CHARS = 4096;

    /**
     * Sizes of the signal budget.
     *
     * @param perLink         units granted for each link the server names
     * @param maxGranted      granted units held at most (a meeting of this many / perLink people at once)
     * @param grantMillis     granted signals expire this long after the latest grant
     * @param steadyPerSecond the steady allowance's refill
     * @param steadyBurst     the steady allowance's size
     */
    record Limits(int perLink, int maxGranted, long grantMillis, double steadyPerSecond, int steadyBurst) {
        /** 48 units a link, up to 12 links' worth, for 15 s; 4 signals a second in bursts of 16 besides. */
        static Limits defaults() {
            return new Limits(48, 48 * 12, 15_000, 4, 16);
        }
    }

    private final Limits limits;
    private long granted;
    private long grantedUntilNanos;
    private double steady;
    private long steadyAtNanos;

    SignalBudget(Limits limits, long nowNanos) {
        this.limits = limits;
        this.steady = limits.steadyBurst();
        this.steadyAtNanos = nowNanos;
    }

    /** The server named one more link for this connection. */
    synchronized void grant(long nowNanos) {
        expire(nowNanos);
        granted = Math.min(limits.maxGranted(), granted + limits.perLink());
        grantedUntilNanos = nowNanos + limits.grantMillis() * 1_000_000L;
    }

    /** Takes one signal frame of {@code chars} characters from the budget; false when it is spent. */
    synchronized boolean tryTake(int chars, long nowNanos) {
        expire(nowNanos);
        long units = 1 + Math.max(0, chars - 1) / UNIT_CHARS;
        if (granted >= units) {
            granted -= units;
            return true;
        }
        steady = Math.min(limits.steadyBurst(), steady + (nowNanos - steadyAtNanos) / 1e9 * limits.steadyPerSecond());
        steadyAtNanos = nowNanos;
        if (steady >= 1) {
            steady--;
            return true;
        }
        return false;
    }

    private void expire(long nowNanos) {
        if (granted > 0 && nowNanos - grantedUntilNanos > 0) {
            granted = 0;
        }
    }
}
