package io.skyscope.server.world;

import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.ServerMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Raised hands in a space's stage audiences: who asks for the floor, on which stage, first raised
 * first, and the owners and admins who watch them ({@code stage.hands}; the sender's right to was
 * checked against the store by their node). Only someone listening to a stage may raise a hand,
 * at most {@value #CHANGES_PER_MINUTE} raises and lowers a minute; a hand is lowered by the server
 * when its holder gets the floor, leaves the audience or the space. Each change goes to the
 * watchers present and to the person. Pure, with an injected clock; called on the space owner's
 * thread.
 */
final class StageHands {
    static final int CHANGES_PER_MINUTE = 10;

    private final Throttle throttle;
    /** Hands raised now: user id to the stage they listen to, in the order raised. */
    private final Map<String, String> raised = new LinkedHashMap<>();
    private final Set<String> watchers = new HashSet<>();

    StageHands(Clock clock) {
        this.throttle = new Throttle(clock, CHANGES_PER_MINUTE, Duration.ofMinutes(1));
    }

    /**
     * {@code userId} raises or lowers their hand; {@code listening} is the stage they listen to now
     * (empty: none, or they hold the floor already).
     */
    void hand(String userId, boolean up, Optional<String> listening, String ref, List<Delivery> out) {
        if (EtiquetteReplies.limited(userId, ref, out, "raised and lowered hands", throttle, userId)) {
            return;
        }
        if (up && listening.isEmpty()) {
            EtiquetteReplies.refuse(userId, ErrorCode.NOT_IN_AUDIENCE, "raised", "only someone listening in a"
                    + " stage's audience can raise a hand; a speaker has the floor already", ref, out);
            return;
        }
        throttle.count(userId);
        String before = raised.get(userId);
        if (up && !listening.get().equals(before)) {
            if (before != null) {
                tell(userId, before, false, out);
            }
            raised.remove(userId);
            raised.put(userId, listening.get());
            tell(userId, listening.get(), true, out);
        } else if (!up && before != null) {
            raised.remove(userId);
            tell(userId, before, false, out);
        }
        EtiquetteReplies.ack(userId, ref, "stage.hand", out);
    }

    /** An owner or admin watches the hands from now on, while present; they get the hands raised now. */
    void watch(String userId, String ref, List<Delivery> out) {
        watchers.add(userId);
        List<ServerMessage.StageHands.Hand> now = new ArrayList<>();
        raised.forEach((user, stage) -> now.add(new ServerMessage.StageHands.Hand(user, stage)));
        out.add(new Delivery(userId, new ServerMessage.StageHands(now)));
        EtiquetteReplies.ack(userId, ref, "stage.hands", out);
    }

    /**
     * Lowers the hands of people who no longer listen to the stage they raised it in (they got the
     * floor, walked out, or left the space). {@code listening}: the stage a person listens to now.
     */
    void check(Function<String, Optional<String>> listening, List<Delivery> out) {
        for (Iterator<Map.Entry<String, String>> it = raised.entrySet().iterator(); it.hasNext(); ) {
            var hand = it.next();
            if (!listening.apply(hand.getKey()).filter(hand.getValue()::equals).isPresent()) {
                it.remove();
                tell(hand.getKey(), hand.getValue(), false, out);
            }
        }
    }

    /** The person left the space: they watch no more (their hand goes at the next {@link #check}). */
    void left(String userId) {
        watchers.remove(userId);
        throttle.prune();
    }

    private void tell(String userId, String stage, boolean up, List<Delivery> out) {
        var message = new ServerMessage.StageHand(userId, stage, up);
        out.add(new Delivery(userId, message));
        for (String watcher : watchers) {
            if (!watcher.equals(userId)) {
                out.add(new Delivery(watcher, message));
            }
        }
    }
}
