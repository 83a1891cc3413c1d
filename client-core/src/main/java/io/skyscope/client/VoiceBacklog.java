package io.skyscope.client;

import io.skyscope.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The voice messages that make up my current voice set: each peer's {@code voice.join}, their
 * latest {@code voice.state} (mute, camera and screen flags) since, the {@code signal}s from them
 * since, and the last {@code voice.video} about the link. A voice engine started after the session
 * joined (the server links people within a few hundred milliseconds of a join) replays them, each
 * peer's join then their flags, and misses nothing: not a camera turned on or a screen shared
 * before it started.
 * Not thread-safe: its owner uses it under one lock (the session under its dispatch lock).
 */
public final class VoiceBacklog {
    /** Enough for an offer and a generous number of ICE candidates. */
    private static final int MAX_SIGNALS_PER_PEER = 64;

    private final Map<String, List<ServerMessage>> byPeer = new LinkedHashMap<>();

    public void track(ServerMessage message) {
        switch (message) {
            case ServerMessage.Welcome w -> byPeer.clear();
            case ServerMessage.VoiceJoin j -> byPeer.put(j.peerId(), new ArrayList<>(List.of(j)));
            case ServerMessage.VoiceLeave l -> byPeer.remove(l.peerId());
            case ServerMessage.VoiceVideo v -> {
                List<ServerMessage> kept = byPeer.get(v.peerId());
                if (kept != null) {
                    kept.removeIf(m -> m instanceof ServerMessage.VoiceVideo);
                    kept.add(v);
                }
            }
            case ServerMessage.VoiceState s -> {
                // Flags from people not in my voice set are not kept: the server sends the
                // peer's flags again right after each voice.join.
                List<ServerMessage> kept = byPeer.get(s.userId());
                if (kept != null) {
                    kept.removeIf(m -> m instanceof ServerMessage.VoiceState);
                    kept.add(1, s); // right after the join
                }
            }
            case ServerMessage.Signal s -> {
                List<ServerMessage> kept = byPeer.get(s.from());
                if (kept != null && kept.size() <= MAX_SIGNALS_PER_PEER) {
                    kept.add(s);
                }
            }
            // A media room counts as one more peer: its join is replayed, its leave forgets it.
            case ServerMessage.MediaJoin m -> byPeer.put("media:" + m.room(), new ArrayList<>(List.of(m)));
            case ServerMessage.MediaLeave m -> byPeer.remove("media:" + m.room());
            // Its video: the SFU's latest offer replaces the one before.
            case ServerMessage.MediaVideoOffer o -> {
                List<ServerMessage> kept = byPeer.get("media:" + o.room());
                if (kept != null) {
                    kept.removeIf(m -> m instanceof ServerMessage.MediaVideoOffer);
                    kept.add(o);
                }
            }
            default -> {
            }
        }
    }

    public void clear() {
        byPeer.clear();
    }

    /** Every kept message, each peer's join first. */
    public List<ServerMessage> replay() {
        return byPeer.values().stream().flatMap(List::stream).toList();
    }
}
