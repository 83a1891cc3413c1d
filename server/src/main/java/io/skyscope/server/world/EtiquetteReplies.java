package io.skyscope.server.world;

import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.ServerMessage;
import java.util.List;

/** The answers etiquette commands get: an error, an ack, a refusal for going too fast. Stateless. */
final class EtiquetteReplies {
    private EtiquetteReplies() {
    }

    static void refuse(String userId, ErrorCode code, String field, String message, String ref, List<Delivery> out) {
        out.add(new Delivery(userId, new ServerMessage.Error(code.wire(), message, ref, field, null)));
    }

    static void ack(String userId, String ref, String of, List<Delivery> out) {
        if (ref != null) {
            out.add(new Delivery(userId, new ServerMessage.Ack(ref, of)));
        }
    }

    /**
     * Refuses with {@code rate_limited} (and how long to wait) if {@code key} is over
     * {@code throttle}'s limit; {@code what} says what there were too many of.
     */
    static boolean limited(String userId, String ref, List<Delivery> out, String what, Throttle throttle, String key) {
        long wait = throttle.waitMillis(key);
        if (wait == 0) {
            return false;
        }
        out.add(new Delivery(userId, new ServerMessage.Error(ErrorCode.RATE_LIMITED.wire(), "too many " + what
                + "; try again in " + Math.max(1, (wait + 999) / 1000) + " s", ref, null, wait)));
        return true;
    }
}
