package io.skyscope.client.voice;

import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.EtiquetteEvent;
import io.skyscope.protocol.ServerMessage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server's messages mean for a {@link VoiceEngine}, for any connection that carries them
 * ({@link SessionVoice} wires them to a session): voice set changes,
 * WebRTC payloads, peers' mute, camera and screen flags, whose camera travels on which link
 * ({@code voice.video}), and on a welcome (a fresh join, or the server's word
 * that what it said before may have been lost) the calls end, to be made again from the voice.join
 * messages that follow it, with new ICE servers, and my voice state is said again. Stateless; called on the connection's receive thread.
 */
public final class VoiceMessages {
    private static final Logger LOG = LoggerFactory.getLogger(VoiceMessages.class);

    private VoiceMessages() {
    }

    public static void apply(VoiceEngine engine, ServerMessage message) {
        switch (message) {
            case ServerMessage.VoiceJoin j -> {
                LOG.debug("voice.join {} offerer={} {} {}", j.peerId(), j.offerer(), j.reason(), j.direction());
                engine.join(j.peerId(), j.offerer(), j.reason(), j.direction());
            }
            case ServerMessage.VoiceLeave l -> {
                LOG.debug("voice.leave {} {}", l.peerId(), l.reason());
                engine.leave(l.peerId(), l.reason());
            }
            case ServerMessage.VoiceWarm w -> {
                LOG.debug("voice.warm {} offerer={}", w.peerId(), w.offerer());
                engine.warm(w.peerId(), w.offerer());
            }
            case ServerMessage.VoiceCool c -> {
                LOG.debug("voice.cool {}", c.peerId());
                engine.cool(c.peerId());
            }
            case ServerMessage.Signal s -> engine.signal(s.from(), s.payload());
            case ServerMessage.VoiceState v -> engine.peerState(v.userId(), v.muted(), v.speaking(), v.camera(), v.screen());
            case ServerMessage.Welcome w -> {
                // A welcome replaces the voice set too: the server follows it with a voice.join per peer.
                engine.leaveAll();
                engine.setIceServers(iceServers(w));
                engine.resendVoiceState();
            }
            case ServerMessage.VoiceVideo v -> {
                LOG.debug("voice.video {} send={} receive={}", v.peerId(), v.send(), v.receive());
                engine.videoPermission(v.peerId(), v.send(), v.receive());
            }
            case ServerMessage.MediaJoin m -> {
                LOG.debug("media.join room {} as {} speaker={}", m.room(), m.participant(), m.speaker());
                engine.joinMedia(m);
            }
            case ServerMessage.MediaVideoPublished p -> engine.roomVideoPublished(p);
            case ServerMessage.MediaVideoOffer o -> {
                LOG.debug("media.video.offer room {}: {} pictures", o.room(), o.streams().size());
                engine.roomVideoOffer(o);
            }
            case ServerMessage.MediaLeave m -> {
                LOG.debug("media.leave room {} {}", m.room(), m.reason());
                engine.leaveMedia(m.room());
            }
            // A new speaker role comes with fresh voice.join messages carrying the new directions.
            case ServerMessage.StageSpeaker _, ServerMessage.StageHand _, ServerMessage.StageHands _ -> {
            }
            // The megaphone's room comes with its own media.join; the indicator is the app's.
            case ServerMessage.Megaphone _ -> {
            }
            case ServerMessage.Error _, ServerMessage.Ack _, ServerMessage.Correction _,
                 ServerMessage.PresenceUpdate _, ServerMessage.MapChanged _, ServerMessage.Pong _, ChatEvent _,
                 EtiquetteEvent _, io.skyscope.protocol.NotesEvent _, io.skyscope.protocol.DeskEvent _ -> {
            }
        }
    }

    /** The STUN and TURN servers a welcome names (TURN credentials are fresh with every welcome). */
    public static List<VoiceConfig.IceServer> iceServers(ServerMessage.Welcome welcome) {
        return welcome.iceServers().stream()
                .map(s -> new VoiceConfig.IceServer(s.urls(), s.username(), s.credential()))
                .toList();
    }
}
