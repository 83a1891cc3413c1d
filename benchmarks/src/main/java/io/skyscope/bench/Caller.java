package io.skyscope.bench;

import io.skyscope.client.Session;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.client.Tokens;
import io.skyscope.client.voice.HeadlessAudio;
import io.skyscope.client.voice.LinkState;
import io.skyscope.client.voice.SessionVoice;
import io.skyscope.client.voice.VoiceConfig;
import io.skyscope.client.voice.VoiceEngine;
import io.skyscope.client.voice.VoiceProcessing;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A headless voice (and video) client for the media benchmarks: a session of a new account in the
 * default space, its voice engine with a synthetic microphone and a recording speaker, no chime and
 * no audio processing (so that what is measured is the links).
 */
final class Caller implements AutoCloseable {
    final Session session;
    final HeadlessAudio audio = new HeadlessAudio();
    final SessionVoice voice;
    /** When the last {@code voice.join} arrived (System.nanoTime). */
    final AtomicLong joinedAt = new AtomicLong();

    private Caller(SkyScopeApi api, String name, boolean warmLinks, String spaceId) {
        String user = name + System.nanoTime() % 1_000_000;
        // Registered, not signed in: sign-ins are limited to 20 a minute from an address.
        session = Session.open(Tokens.of(api, api.register(user, "violet harbor lantern " + user, name)), spaceId,
                Session.Options.DEFAULTS);
        session.onMessage(m -> {
            if (m instanceof ServerMessage.VoiceJoin) {
                joinedAt.set(System.nanoTime());
            }
        });
        var config = VoiceConfig.defaults().withChime(false).withProcessing(VoiceProcessing.Options.NONE)
                .withWarmLinks(warmLinks);
        voice = SessionVoice.attach(session, config, audio, null, null);
        try {
            Measure.waitUntil(() -> session.snapshot().map() != null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Caller join(SkyScopeApi api, String name) {
        return new Caller(api, name, true, "office");
    }

    /** A caller whose client makes no warm links: every call starts by setting its connection up. */
    static Caller joinCold(SkyScopeApi api, String name) {
        return new Caller(api, name, false, "office");
    }

    /** A caller in {@code spaceId} that makes no warm links ({@code name} must be unique in the run). */
    static Caller joinCold(SkyScopeApi api, String name, String spaceId) {
        return new Caller(api, name, false, spaceId);
    }

    VoiceEngine engine() {
        return voice.engine();
    }

    String userId() {
        return session.userId();
    }

    /** Whether I have a connection up to {@code other} (a call or a warm link). */
    boolean connectedTo(Caller other) {
        var c = voice.engine().connection(other.userId());
        return c != null && c.state() == LinkState.State.CONNECTED;
    }

    List<LinkState> links() {
        return voice.engine().snapshot().links();
    }

    /** Walks there at the speed limit and waits until the server has applied it. */
    void moveTo(double[] to) throws InterruptedException {
        io.skyscope.client.Walker.walk(session, to[0], to[1]);
        confirm();
    }

    /**
     * Moves there in one step (the server's speed budget must allow it) and waits until the server
     * has applied it; returns when its acknowledgement arrived (System.nanoTime).
     */
    long step(double[] to) {
        session.move(to[0], to[1]);
        return confirm();
    }

    /** A status change after my moves: its acknowledgement says the server has applied them (System.nanoTime). */
    private long confirm() {
        String ref = "confirm-" + System.nanoTime();
        session.send(new ClientMessage.StatusChange(Status.AVAILABLE, null, ref));
        session.await(ServerMessage.Ack.class, a -> ref.equals(a.ref()), Measure.WAIT);
        return System.nanoTime();
    }

    @Override
    public void close() {
        voice.close();
        session.close();
    }
}
