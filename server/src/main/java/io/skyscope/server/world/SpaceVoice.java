package io.skyscope.server.world;

import io.skyscope.protocol.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import io.skyscope.protocol.ProtocolCodec;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.world.proximity.ProximityEngine;
import io.skyscope.server.world.proximity.VoiceEvent;
import io.skyscope.server.world.proximity.VoiceSettings;
import io.skyscope.server.world.proximity.WarmEvent;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The voice side of a space: turns the proximity engine's events into messages, relays WebRTC
 * signals between people in each other's voice set, keeps everyone's mute, speaking, camera and
 * screen flags, and times link set-ups. Pure like {@link SpaceState}, which owns it; called on the
 * owner's thread.
 *
 * <p>What one person is told of a link comes in this order: {@code voice.join}, the peer's
 * {@code voice.state}, then {@code voice.video} if a camera travels on it (the engine gives its
 * video events after the joins of the same tick); {@code reconnected} and {@code rejoinAll} keep it.
 *
 * <p>Warm links (connections set up before people hear each other) are told with
 * {@code voice.warm} and {@code voice.cool}, after the tick's voice set changes; signals are
 * relayed between warm pairs too.
 *
 * <p>Set-up time, as the server can see it, runs from {@code voice.join} to the first signal the
 * answering side sends (its answer): the signalling round trip, without the media path.
 */
final class SpaceVoice {
    private final ProximityEngine engine;
    private final Clock clock;
    private final Map<String, ServerMessage.VoiceState> states = new HashMap<>();
    /** Who has their camera on, and who shares their screen (for the metrics). */
    private final Set<String> cameras = new HashSet<>();
    private final Set<String> screens = new HashSet<>();
    /** Links whose answer has not been seen yet: "answerer|offerer" → when voice.join went out. */
    private final Map<String, Long> awaitingAnswer = new HashMap<>();
    private int established;
    static final int WARM_RESETS_PER_MINUTE = 12;
    private final Throttle warmResets;
    private final StageHands hands;

    /** Where stages go beyond direct links, or null (no media server). */
    private MediaStages media;
    private String spaceId;
    /** The media server's {@code changes} as this space last applied them. */
    private long mediaChanges;
    /** The space's megaphone, with a media server; else null. */
    private SpaceMegaphone megaphone;

    SpaceVoice(ProximityEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
        this.warmResets = new Throttle(clock, WARM_RESETS_PER_MINUTE, java.time.Duration.ofMinutes(1));
        this.hands = new StageHands(clock);
    }

    /** Carries this space's stages through a media server; before anyone is present. */
    void media(String spaceId, MediaStages media) {
        this.spaceId = spaceId;
        this.media = media;
        this.megaphone = new SpaceMegaphone(spaceId, media);
        media.cameras(spaceId, engine.settings().videoPeers() > 0);
        engine.mediaStages(media.stageSize());
        var now = media.availability();
        mediaChanges = now.changes();
        if (!now.up()) {
            engine.restartMediaStages(0);
        }
    }

    ProximityEngine engine() {
        return engine;
    }

    void left(String userId) {
        if (megaphone != null) {
            megaphone.left(userId);
        }
        engine.remove(userId);
        warmResets.prune();
        hands.left(userId);
        states.remove(userId);
        cameras.remove(userId);
        screens.remove(userId);
    }

    /** Runs the engine's tick and adds what it says to {@code out}. */
    void tick(List<Delivery> out) {
        long now = clock.millis();
        if (media != null) {
            var availability = media.availability();
            if (availability.changes() != mediaChanges) {
                mediaChanges = availability.changes();
                engine.restartMediaStages(availability.up() ? media.stageSize() : 0);
                if (availability.up()) {
                    megaphone.mediaBack();
                }
            }
            megaphone.tick(out);
        }
        for (VoiceEvent event : engine.tick()) {
            switch (event) {
                case VoiceEvent.Joined j -> {
                    out.add(new Delivery(j.userId(), new ServerMessage.VoiceJoin(j.peerId(), j.offerer(),
                            j.reason().wireName(), j.direction())));
                    var peerState = states.get(j.peerId());
                    if (peerState != null) {
                        out.add(new Delivery(j.userId(), peerState));
                    }
                    if (j.offerer()) {
                        established++;
                        awaitingAnswer.put(j.peerId() + "|" + j.userId(), now);
                    }
                }
                case VoiceEvent.Video v -> out.add(new Delivery(v.userId(),
                        new ServerMessage.VoiceVideo(v.peerId(), v.send(), v.receive())));
                case VoiceEvent.Left l -> {
                    out.add(new Delivery(l.userId(), new ServerMessage.VoiceLeave(l.peerId(), l.reason().wireName())));
                    awaitingAnswer.remove(l.userId() + "|" + l.peerId());
                }
                case VoiceEvent.AudienceFull f -> out.add(new Delivery(f.userId(), ServerMessage.Error.of(ErrorCode.AUDIENCE_FULL,
                        f.media() ? "The audience of '" + f.stage() + "' is full: it reaches at most " + f.limit()
                                + " listeners through the media server (MEDIA_STAGE_SIZE)."
                                : "The audience of '" + f.stage() + "' is full: a stage reaches at most " + f.limit()
                                + " listeners over direct links. A larger audience needs a media server (SFU), "
                                + (media == null ? "which this server does not have."
                                : "and this server's is not answering right now."), null)));
                case VoiceEvent.Media m -> {
                    if (media != null) {
                        media.member(spaceId, m.stage(), m.userId(), m.inRoom(), m.speaker());
                    }
                }
                case VoiceEvent.RoomMedia r -> {
                    if (media != null) {
                        media.meetingRoom(spaceId, r.room(), r.userId(), r.inRoom(), r.backToDirect());
                    }
                }
            }
        }
        warmEvents(out);
        hands.check(engine::stageAudience, out);
    }

    /**
     * {@code userId}'s client makes warm links ({@code on}) or stops: their warm links end now
     * (each peer and they are told) and, with {@code on}, are made afresh at the next tick;
     * answered by {@code ack} if {@code ref} is set. Each time makes the peers close and set up
     * connections again, so a client gets {@value #WARM_RESETS_PER_MINUTE} a minute (a welcome or
     * a reconnect each), then {@code rate_limited}.
     */
    void warmLinks(String userId, boolean on, String ref, List<Delivery> out) {
        if (EtiquetteReplies.limited(userId, ref, out, "voice.warmlinks", warmResets, userId)) {
            return;
        }
        warmResets.count(userId);
        resetWarm(userId, on, out);
        if (ref != null) {
            out.add(new Delivery(userId, new ServerMessage.Ack(ref, "voice.warmlinks")));
        }
    }

    private void resetWarm(String userId, boolean on, List<Delivery> out) {
        engine.warmLinks(userId, on);
        warmEvents(out);
    }

    private void warmEvents(List<Delivery> out) {
        for (WarmEvent event : engine.takeWarmEvents()) {
            switch (event) {
                case WarmEvent.Warm w -> out.add(new Delivery(w.userId(), new ServerMessage.VoiceWarm(w.peerId(),
                        w.offerer())));
                case WarmEvent.Cool c -> out.add(new Delivery(c.userId(), new ServerMessage.VoiceCool(c.peerId())));
            }
        }
    }

    /** {@code userId} raises or lowers their hand in the audience they listen in ({@code stage.hand}). */
    void hand(String userId, boolean raised, String ref, List<Delivery> out) {
        hands.hand(userId, raised, engine.stageAudience(userId), ref, out);
    }

    /** An owner or admin watches the raised hands while present ({@code stage.hands}). */
    void watchHands(String userId, String ref, List<Delivery> out) {
        hands.watch(userId, ref, out);
    }

    /**
     * The user connected again (a new session took over): their new client knows of no call, and
     * their peers' connections lead to the old one. Both sides are told to start each call afresh:
     * the peer gets {@code voice.leave} then {@code voice.join}, the user {@code voice.join}, and
     * both the link's {@code voice.video} if a camera travels on it.
     */
    void reconnected(String userId, List<Delivery> out) {
        long now = clock.millis();
        // The peers' warm links lead to the old client too: they cool first, so that the
        // voice.leave below closes a call's connection instead of keeping it warm. The new
        // client says voice.warmlinks again if it makes them.
        resetWarm(userId, false, out);
        if (media != null) {
            media.rejoin(spaceId, userId);
        }
        for (var entry : engine.links(userId).entrySet()) {
            String peer = entry.getKey();
            var link = entry.getValue();
            String reason = link.reason().wireName();
            boolean userOffers = userId.compareTo(peer) < 0;
            out.add(new Delivery(peer, new ServerMessage.VoiceLeave(userId, reason)));
            out.add(new Delivery(peer, new ServerMessage.VoiceJoin(userId, !userOffers, reason, link.direction(peer))));
            out.add(new Delivery(userId, new ServerMessage.VoiceJoin(peer, userOffers, reason, link.direction(userId))));
            var peerState = states.get(peer);
            if (peerState != null) {
                out.add(new Delivery(userId, peerState));
            }
            video(userId, peer, out);
            video(peer, userId, out);
            awaitingAnswer.put(userOffers ? peer + "|" + userId : userId + "|" + peer, now);
        }
    }

    /**
     * Everyone was sent a welcome again, which ends every call on the client's side: each person
     * gets a {@code voice.join} for every peer in their voice set (and the peer's flags, and the
     * link's {@code voice.video}), so that all calls start afresh from the voice sets as they are now.
     */
    void rejoinAll(List<String> userIds, List<Delivery> out) {
        long now = clock.millis();
        for (String userId : userIds) {
            if (media != null) {
                media.rejoin(spaceId, userId);
            }
            for (var entry : engine.links(userId).entrySet()) {
                String peer = entry.getKey();
                var link = entry.getValue();
                boolean userOffers = userId.compareTo(peer) < 0;
                out.add(new Delivery(userId, new ServerMessage.VoiceJoin(peer, userOffers, link.reason().wireName(),
                        link.direction(userId))));
                var peerState = states.get(peer);
                if (peerState != null) {
                    out.add(new Delivery(userId, peerState));
                }
                video(userId, peer, out);
                if (!userOffers) {
                    awaitingAnswer.put(userId + "|" + peer, now);
                }
            }
        }
    }

    /** Tells {@code userId} whose camera travels on their link with {@code peer}, if either does. */
    private void video(String userId, String peer, List<Delivery> out) {
        boolean send = engine.receivesVideo(peer, userId);
        boolean receive = engine.receivesVideo(userId, peer);
        if (send || receive) {
            out.add(new Delivery(userId, new ServerMessage.VoiceVideo(peer, send, receive)));
        }
    }

    /**
     * Relays a signal if {@code from} and {@code to} are in each other's voice set right now, or
     * have a warm link, else refuses it. Returns the link's set-up time if this was the answerer's first signal.
     */
    OptionalLong signal(String from, String to, JsonNode payload, String ref, List<Delivery> out) {
        if (!engine.linked(from, to) && !engine.warm(from, to)) {
            out.add(new Delivery(from, new ServerMessage.Error(ErrorCode.NOT_IN_VOICE_SET.wire(),
                    "'" + to + "' is not in your voice set; signals go only to peers you were told of with voice.join",
                    ref, "to", null)));
            return OptionalLong.empty();
        }
        out.add(new Delivery(to, new ServerMessage.Signal(from, payload)));
        Long joinedAt = awaitingAnswer.remove(from + "|" + to);
        return joinedAt == null ? OptionalLong.empty() : OptionalLong.of(clock.millis() - joinedAt);
    }

    /**
     * Records the flags and adds them for {@code near} (the people within the interest radius) and
     * for the user's voice set, each once. The camera flag also goes to the engine: a camera that
     * is off takes no one's video place (the change is told with {@code voice.video} at the next tick).
     */
    void state(String userId, boolean muted, boolean speaking, boolean camera, boolean screen,
               Collection<String> near, List<Delivery> out) {
        var state = new ServerMessage.VoiceState(userId, muted, speaking, camera, screen);
        states.put(userId, state);
        flag(cameras, userId, camera);
        engine.camera(userId, camera);
        flag(screens, userId, screen);
        String frame = ProtocolCodec.encode(state);
        Set<String> to = new HashSet<>(near);
        to.addAll(engine.voiceSet(userId));
        for (String recipient : to) {
            out.add(Delivery.frame(recipient, frame));
        }
    }

    private static void flag(Set<String> holders, String userId, boolean on) {
        if (on) {
            holders.add(userId);
        } else {
            holders.remove(userId);
        }
    }

    /**
     * Grants or revokes a stage's speaker role; when that changes anything, everyone in
     * {@code present} is told. Returns whether it changed anything.
     */
    boolean speaker(String userId, boolean speaker, List<String> present, List<Delivery> out) {
        if (!engine.speaker(userId, speaker)) {
            return false;
        }
        String frame = ProtocolCodec.encode(new ServerMessage.StageSpeaker(userId, speaker));
        for (String recipient : present) {
            out.add(Delivery.frame(recipient, frame));
        }
        return true;
    }

    /**
     * Tells {@code userId} who holds a speaker role on the stages, and the megaphone if it is on
     * (putting a newcomer in its room); sent with each welcome.
     */
    void speakersTo(String userId, List<Delivery> out) {
        for (String speaker : engine.speakers()) {
            out.add(new Delivery(userId, new ServerMessage.StageSpeaker(speaker, true)));
        }
        if (megaphone != null) {
            megaphone.arrived(userId, out);
        }
    }

    /**
     * A member's video for a mixed meeting room, handed to the media server's side, which checks
     * that they are in that room's mix; without a media server, refused here.
     */
    void mediaVideo(SpaceCommand.MediaVideo video, List<Delivery> out) {
        if (media == null) {
            out.add(new Delivery(video.userId(), ServerMessage.Error.of(ErrorCode.MEDIA_UNAVAILABLE,
                    "Video through the media server needs one (JANUS_URL), which this server does not have.",
                    video.ref())));
        } else {
            media.video(spaceId, video.userId(), video.action(), video.room(), video.sdp(), video.kinds(),
                    video.ref());
        }
    }

    /** {@code actorId} turns the megaphone on or off ({@code manager}: an owner or admin of the space). */
    void megaphone(String actorId, boolean on, boolean manager, String ref, List<Delivery> out) {
        if (megaphone == null) {
            out.add(new Delivery(actorId, ServerMessage.Error.of(ErrorCode.MEDIA_UNAVAILABLE,
                    "The megaphone needs a media server (JANUS_URL), which this server does not have.", ref)));
        } else if (on) {
            megaphone.on(actorId, ref, out);
        } else {
            megaphone.off(actorId, manager, ref, out);
        }
    }

    /** New voice settings for the space (its owner changed them). */
    void settings(VoiceSettings settings) {
        engine.settings(settings);
        if (media != null) {
            media.cameras(spaceId, settings.videoPeers() > 0); // mixed rooms' cameras too, at once
        }
    }

    /** The stage's speakers as stored, set before anyone is present. */
    void speakers(Collection<String> userIds) {
        userIds.forEach(userId -> engine.speaker(userId, true));
    }

    /** Voice links in the space right now. */
    int linkCount() {
        return engine.linkCount();
    }

    /**
     * Camera links in the space right now: receiver-sender pairs where the sender's camera is on
     * and the server lets it travel to the receiver.
     */
    int videoLinkCount() {
        int n = 0;
        for (String userId : cameras) {
            n += engine.videoAudience(userId);
        }
        return n;
    }

    /** People sharing their screen right now. */
    int screenShareCount() {
        return screens.size();
    }

    /** Links set up since the last call (each counted once), for the set-ups-per-minute metric. */
    int takeEstablished() {
        int n = established;
        established = 0;
        return n;
    }
}
