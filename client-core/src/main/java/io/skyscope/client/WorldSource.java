package io.skyscope.client;

/**
 * What a view of the office needs from the network: the latest world, where the server last placed
 * me, and a way to report my moves. {@link Session} is the real one; a rendering benchmark feeds a
 * synthetic crowd through the same door.
 *
 * <p>Threads: {@link #snapshot()} and {@link #placement()} are read by a render loop every frame
 * and are cheap and non-blocking; {@link #move} may be called from any thread.
 */
public interface WorldSource {

    /** The world as last known: the live one while online, the last one seen while reconnecting. */
    World snapshot();

    Placement placement();

    /** Reports my new position; returns the move's seq, or -1 if it was dropped (offline). */
    long move(double x, double y);
}
