package io.skyscope.desktop.session;

import io.skyscope.client.World;

/**
 * What the office canvas needs from the network: the latest world, where the server last placed
 * me, and a way to report my moves. {@link ReconnectingConnection} is the real one; the rendering
 * benchmark feeds a synthetic crowd through the same door.
 *
 * <p>Threads: {@link #world()} and {@link #placement()} are read by the render loop every frame and
 * must be cheap and non-blocking; {@link #move} is called from the FX thread.
 */
public interface WorldSource {

    World world();

    ReconnectingConnection.Placement placement();

    void move(double x, double y);
}
