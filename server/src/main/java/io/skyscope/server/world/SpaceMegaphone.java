package io.skyscope.server.world;

import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.ServerMessage;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The megaphone of one space: an owner or admin speaks to everyone present, wherever they stand,
 * through one room on the media server that everyone present is in while it is on (the holder
 * heard, everyone else muted), until they stop or leave. One holder at a time: another owner or
 * admin who turns it on takes it over. Everyone present is told who holds it ({@code megaphone}),
 * and whoever arrives while it is on is told and put in the room. When the media server comes back
 * after an outage (which took everyone out), everyone is put in again.
 *
 * <p>Pure like {@link SpaceVoice}, which owns it: called on the space owner's thread; the media
 * server's work is queued by {@link MediaStages}.
 */
final class SpaceMegaphone {
    private final String spaceId;
    private final MediaStages media;
    /** Everyone present, in the order they came. */
    private final Set<String> present = new LinkedHashSet<>();
    private String holder;
    /** A holder who left: everyone is told it stopped at the next tick. */
    private String stoppedByLeaving;

    SpaceMegaphone(String spaceId, MediaStages media) {
        this.spaceId = spaceId;
        this.media = media;
    }

    /** {@code actorId} (an owner or admin: checked before) turns it on, or takes it over. */
    void on(String actorId, String ref, List<Delivery> out) {
        if (!media.availability().up()) {
            out.add(new Delivery(actorId, ServerMessage.Error.of(ErrorCode.MEDIA_UNAVAILABLE,
                    "The media server that carries the megaphone is not answering right now; try again in a moment.",
                    ref)));
            return;
        }
        String before = holder;
        if (!actorId.equals(before)) {
            holder = actorId;
            if (before == null) {
                present.stream().filter(p -> !p.equals(actorId)).forEach(p -> media.megaphone(spaceId, p, true, false));
            } else {
                media.megaphone(spaceId, before, true, false);
            }
            media.megaphone(spaceId, actorId, true, true);
            tellEveryone(new ServerMessage.Megaphone(actorId, true), out);
        }
        ack(actorId, ref, out);
    }

    /** {@code actorId} turns it off: its holder, or an owner or admin ({@code manager}). */
    void off(String actorId, boolean manager, String ref, List<Delivery> out) {
        if (holder != null && !holder.equals(actorId) && !manager) {
            out.add(new Delivery(actorId, ServerMessage.Error.of(ErrorCode.FORBIDDEN,
                    "only the megaphone's holder, the space's owner or an admin can turn it off", ref)));
            return;
        }
        if (holder != null) {
            String was = holder;
            holder = null;
            present.forEach(p -> media.megaphone(spaceId, p, false, p.equals(was)));
            tellEveryone(new ServerMessage.Megaphone(was, false), out);
        }
        ack(actorId, ref, out);
    }

    /** Someone arrived (or connected again): told who holds it, and put in its room if they are new. */
    void arrived(String userId, List<Delivery> out) {
        boolean isNew = present.add(userId);
        if (holder != null) {
            out.add(new Delivery(userId, new ServerMessage.Megaphone(holder, true)));
            if (isNew) {
                media.megaphone(spaceId, userId, true, false);
            }
        }
    }

    /** Someone left: out of its room; if they held it, it stops. */
    void left(String userId) {
        present.remove(userId);
        if (holder == null) {
            return;
        }
        media.megaphone(spaceId, userId, false, userId.equals(holder));
        if (userId.equals(holder)) {
            holder = null;
            stoppedByLeaving = userId;
            present.forEach(p -> media.megaphone(spaceId, p, false, false));
        }
    }

    /** At each tick: tells everyone a megaphone stopped by its holder's leaving. */
    void tick(List<Delivery> out) {
        if (stoppedByLeaving != null) {
            tellEveryone(new ServerMessage.Megaphone(stoppedByLeaving, false), out);
            stoppedByLeaving = null;
        }
    }

    /** The media server answers again: everyone goes back into its room. */
    void mediaBack() {
        if (holder != null) {
            present.forEach(p -> media.megaphone(spaceId, p, true, p.equals(holder)));
        }
    }

    private void tellEveryone(ServerMessage message, List<Delivery> out) {
        present.forEach(p -> out.add(new Delivery(p, message)));
    }

    private static void ack(String userId, String ref, List<Delivery> out) {
        if (ref != null) {
            out.add(new Delivery(userId, new ServerMessage.Ack(ref, "megaphone")));
        }
    }
}
