package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyscope.client.Session;
import io.skyscope.client.video.PatternWatch;
import io.skyscope.client.video.VideoDevice;
import io.skyscope.client.video.VideoKind;
import io.skyscope.client.voice.HeadlessAudio;
import io.skyscope.client.voice.LinkState;
import io.skyscope.client.voice.SessionVoice;
import io.skyscope.client.voice.VoiceConfig;
import io.skyscope.client.voice.VoiceEngine;
import io.skyscope.client.voice.Positions;
import io.skyscope.client.voice.VoiceMessages;
import io.skyscope.client.voice.VoiceProcessing;
import io.skyscope.client.voice.VoiceSignalling;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import io.skyscope.protocol.rest.AuthResponse;

/**
 * A headless user with voice, as the CLI runs one: a real {@link Session} to the test server, a
 * {@link SessionVoice} with a synthetic microphone and a recording speaker. Used from the test's
 * thread only.
 */
final class VoiceClient implements AutoCloseable {
    final AuthResponse user;
    final Session session;
    final HeadlessAudio audio = new HeadlessAudio();
    private final VoiceConfig config;
    /** Null until {@link #startVoice} for a client that joined without it. */
    SessionVoice voice;
    /** The engine of {@link #startVoiceIgnoringMediaLeave}, instead of {@link #voice}. */
    private VoiceEngine modified;

    private VoiceClient(ServerExtension server, String prefix, String spaceId, boolean relayOnly, boolean withVoice) {
        user = server.register(prefix);
        session = Session.open(server.api(), new Session.Credentials(user.username(), "violet harbor lantern " + user.username(),
                null), spaceId);
        // A steady test tone would be taken for noise by noise suppression: no processing.
        var defaults = VoiceConfig.defaults().withChime(false).withProcessing(VoiceProcessing.Options.NONE);
        config = defaults.withIceServers(defaults.iceServers(), relayOnly);
        if (withVoice) {
            startVoice();
        }
    }

    static VoiceClient join(ServerExtension server, String prefix, String spaceId) {
        return new VoiceClient(server, prefix, spaceId, false, true);
    }

    static VoiceClient joinRelayOnly(ServerExtension server, String prefix, String spaceId) {
        return new VoiceClient(server, prefix, spaceId, true, true);
    }

    /** Joins with the session alone; {@link #startVoice} starts the voice engine later, as a slow start does. */
    static VoiceClient joinWithoutVoice(ServerExtension server, String prefix, String spaceId) {
        return new VoiceClient(server, prefix, spaceId, false, false);
    }

    void startVoice() {
        voice = SessionVoice.attach(session, config, audio, null, null);
    }

    VoiceEngine engine() {
        return modified != null ? modified : voice.engine();
    }

    /**
     * Starts voice as a modified client would run it: every server message applied but
     * {@code media.leave}, so its connections to media rooms (the mix, a mixed room's video) stay
     * open after the server sends it away. Only the server can cut them then.
     */
    void startVoiceIgnoringMediaLeave() {
        var signalling = new VoiceSignalling() {
            @Override
            public void signal(String peerId, ObjectNode payload) {
                session.send(new ClientMessage.VoiceCommand.Signal(peerId, payload, null));
            }

            @Override
            public void voiceState(boolean muted, boolean speaking, boolean camera, boolean screen) {
                session.sendOrQueue(new ClientMessage.VoiceCommand.VoiceState(muted, speaking, camera, screen, null));
            }

            @Override
            public void video(ClientMessage.VoiceCommand command) {
                session.send(command);
            }
        };
        var withIce = config.withIceServers(VoiceMessages.iceServers(session.welcome()), config.relayOnly());
        modified = new VoiceEngine(withIce, audio, null, null, signalling, Positions.of(session.world()));
        session.onMessageCatchingUpOnVoice(m -> {
            if (!(m instanceof ServerMessage.MediaLeave)) {
                VoiceMessages.apply(modified, m);
            }
        });
    }

    String id() {
        return user.userId();
    }

    double[] position() {
        var me = session.snapshot().self();
        return new double[] {me.x(), me.y()};
    }

    /** Moves (one step; the test server allows fast walking) and waits until the server applied it. */
    void moveTo(double[] to) {
        session.move(to[0], to[1]);
        String ref = "confirm-" + System.nanoTime();
        var me = session.snapshot().self();
        session.send(new ClientMessage.StatusChange(me.status() == null ? Status.AVAILABLE : me.status(),
                me.statusText(), ref));
        session.await(ServerMessage.Ack.class, ack -> ref.equals(ack.ref()), TIMEOUT);
    }

    /** Walks around walls to {@code to}, each step confirmed by the server, and checks I got there. */
    void walk(MapProbe map, double[] to) {
        double[] at = position();
        for (double[] waypoint : map.route(at[0], at[1], to[0], to[1])) {
            moveTo(waypoint);
        }
        double[] got = position();
        if (Math.hypot(got[0] - to[0], got[1] - to[1]) > 0.5) {
            throw new AssertionError(id() + " walked to " + to[0] + "," + to[1] + " but the server has them at "
                    + got[0] + "," + got[1]);
        }
    }

    /** Turns my camera on with the synthetic test pattern. */
    void cameraOn() {
        engine().useCamera(VideoDevice.testPattern());
        engine().setCamera(true);
    }

    /** Starts watching {@code other}'s camera or screen share (their test pattern) as it arrives here. */
    PatternWatch watch(VoiceClient other, VideoKind kind) {
        var watch = new PatternWatch(kind);
        engine().addVideoSink(other.id(), kind, watch);
        return watch;
    }

    LinkState link(VoiceClient other) {
        return engine().snapshot().link(other.id());
    }

    /** The loudest amplitude of {@code frequency} in either ear over the last {@code millis}. */
    double hears(double frequency, int millis) {
        double[] a = tone(frequency, millis);
        return Math.max(a[0], a[1]);
    }

    /** The amplitude of {@code frequency} in the left and the right ear over the last {@code millis}. */
    double[] tone(double frequency, int millis) {
        return audio.recorder().toneAmplitude(frequency, millis);
    }

    /**
     * The strongest frequency from 100 to 4,000 Hz in the cleanest of four readings of 300 ms (see
     * {@code Recorder.dominantFrequency}).
     */
    double heardFrequency() {
        return audio.recorder().dominantFrequency(100, 4000, 10, 300, 4);
    }

    /** The loudest of four readings of 300 ms (see {@code Recorder.loudestToneAmplitude}). */
    double[] loudestTone(double frequency) {
        return audio.recorder().loudestToneAmplitude(frequency, 300, 4);
    }

    @Override
    public void close() {
        if (voice != null) {
            voice.close();
        }
        if (modified != null) {
            modified.close();
        }
        session.close();
    }
}
