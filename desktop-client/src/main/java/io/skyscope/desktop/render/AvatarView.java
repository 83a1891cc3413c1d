package io.skyscope.desktop.render;

import io.skyscope.protocol.Status;

/**
 * One avatar as a frame draws it: where it is shown now (interpolated), how it looks and what is
 * shown around it.
 *
 * @param walkPhase 0..1 through the walk cycle, or -1 when standing still
 * @param camera    their camera is on
 * @param sharing   they share their screen
 */
public record AvatarView(String userId, String name, String avatar, double x, double y, Facing facing,
                         double walkPhase, Status status, boolean me, boolean speaking, boolean muted,
                         boolean highlighted, boolean camera, boolean sharing) {
}
