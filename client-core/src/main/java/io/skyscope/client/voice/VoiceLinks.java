package io.skyscope.client.voice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.RTCRtpCodecCapability;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.video.VideoTrack;
import io.skyscope.client.voice.LinkState.State;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voice engine's links: one {@link PeerLink} per person in my voice set, opened and closed as
 * the server says, signals kept for a while if they come before their join, and the one place
 * where a link's send stream starts: a live link's audio sender is activated once the link is
 * connected, with the {@link CaptureFence} that decides when my microphone goes into WebRTC told
 * before and after ({@code startSending}).
 *
 * <p>Warm links ({@link #warm}, {@link #cool}): a connection set up before a call, its audio
 * sender inactive. A {@code voice.join} for a warm peer makes that link live (my audio on, no new
 * offer, no new ICE; see {@code goLive}). When the call ends and the peer stays warm, the call's
 * connection closes and a fresh warm one is set up in its place (both sides do, on the same
 * {@code voice.leave}), rather than the sender being switched off: a stream that paused and
 * resumed on the same connection was measured to take about 800 ms more to play at the other end
 * (WebRTC's jitter buffer after the pause) than one on a fresh connection (VoiceBenchmark).
 * Warm-only links are not part of my voice set for the UI: their changes are not announced.
 *
 * <p>Threads: {@link #join}, {@link #leave}, {@link #warm}, {@link #cool}, {@link #signal},
 * {@link #closeAll} and the link events run on the control thread; {@link #whenSettled} on the
 * capture thread; the read methods from any thread. Adding or removing my microphone's sender or
 * a peer's sink goes through {@link CaptureFence#changeSinks}.
 */
final class VoiceLinks {
    private static final Logger LOG = LoggerFactory.getLogger(VoiceLinks.class);
    private static final long EARLY_SIGNAL_TTL_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** A link whose activation shows no packet sent (a receive-only offer, say) settles this long after it. */
    private static final long SENDING_MS = 500;

    /** What the links tell their engine, on the control thread. */
    interface Events {
        void changed(LinkState link);

        void enteredHearingRange(String peerId);

        void leftHearingRange(String peerId);

        void speakingChanged(String peerId, boolean speaking);

        /** A link's video sections exist: put my camera and screen on them where allowed. */
        void videoReady(PeerLink link);
    }

    private record EarlySignal(long nanos, JsonNode payload) {
    }

    private final Map<String, PeerLink> links = new ConcurrentHashMap<>();
    /** Peers the server named warm (voice.warm, until voice.cool). Control thread. */
    private final Set<String> warm = new HashSet<>();
    private final CaptureFence fence = new CaptureFence(links::values);
    private final Map<String, List<EarlySignal>> early = new ConcurrentHashMap<>();
    private final ScheduledExecutorService control;
    private final VoiceSignalling signalling;
    private final Supplier<VoiceConfig> config;
    private final Events events;
    private final PeerLink.Events linkEvents = new LinkEvents();
    private PeerConnectionFactory factory;
    private AudioTrack microphone;
    private VideoTrack camera;
    private VideoTrack screen;
    private VideoSinks sinks;
    /** The video codecs links offer and answer with (see {@link LinkVideo#preferredCodecs}). */
    private List<RTCRtpCodecCapability> videoCodecs = List.of();

    VoiceLinks(ScheduledExecutorService control, VoiceSignalling signalling, Supplier<VoiceConfig> config,
               Events events) {
        this.control = control;
        this.signalling = signalling;
        this.config = config;
        this.events = events;
    }

    /** The factory, my microphone's and video tracks, and the UI's video sinks, once the engine has made them. */
    void connectTo(PeerConnectionFactory factory, AudioTrack microphone, VideoTrack camera, VideoTrack screen,
                   VideoSinks sinks) {
        this.factory = factory;
        this.microphone = microphone;
        this.camera = camera;
        this.screen = screen;
        this.sinks = sinks;
        this.videoCodecs = LinkVideo.preferredCodecs(factory);
    }

    void join(String peerId, boolean offerer, String reason, String direction) {
        String why = reason == null ? "proximity" : reason;
        String way = direction == null ? "sendrecv" : direction;
        PeerLink old = links.get(peerId);
        if (old != null && !old.live() && old.offerer == offerer && why.equals(old.reason)
                && way.equals(old.direction) && old.state() != State.FAILED) {
            goLive(old);
            return;
        }
        links.remove(peerId);
        if (old != null) {
            close(old);
        }
        open(peerId, offerer, why, way, true);
    }

    /** The server named {@code peerId} warm: a connection without audio, unless a link is there already. */
    void warm(String peerId, boolean offerer) {
        warm.add(peerId);
        if (!links.containsKey(peerId)) {
            open(peerId, offerer, "proximity", "sendrecv", false);
        }
    }

    /** {@code peerId} is no longer warm: a warm-only link closes; a call keeps its link until its leave. */
    void cool(String peerId) {
        warm.remove(peerId);
        PeerLink link = links.get(peerId);
        if (link != null && !link.live()) {
            leave(peerId);
        }
    }

    void leave(String peerId) {
        early.remove(peerId);
        PeerLink link = links.remove(peerId);
        close(link);
        if (link != null && link.live() && warm.contains(peerId) && link.twoWay()) {
            open(peerId, link.offerer, "proximity", "sendrecv", false); // still warm: afresh, without audio
        }
    }

    /** Whether {@code peerId} has a link that is only warm (set up, no call). */
    boolean warmOnly(String peerId) {
        PeerLink link = links.get(peerId);
        return link != null && !link.live();
    }

    private void open(String peerId, boolean offerer, String reason, String direction, boolean live) {
        var link = new PeerLink(peerId, offerer, reason, direction, live, control, signalling, linkEvents, sinks,
                fence);
        links.put(peerId, link);
        try {
            // The sender starts inactive: no send stream starts before startSending.
            fence.changeSinks(() -> link.open(factory, microphone, camera, screen, videoCodecs, config.get()));
        } catch (RuntimeException e) {
            LOG.warn("cannot open a voice link to {}: {}", peerId, e.toString());
            close(links.remove(peerId));
            return;
        }
        if (live) {
            events.changed(link.snapshot());
        }
        List<EarlySignal> waiting = early.remove(peerId);
        if (waiting != null) {
            waiting.forEach(s -> link.onSignal(s.payload()));
        }
    }

    /**
     * A warm link becomes a call: my audio goes on over it at once if the link is connected, else
     * as soon as it connects.
     */
    private void goLive(PeerLink link) {
        link.makeLive();
        if (!startSending(link)) {
            return;
        }
        events.changed(link.snapshot());
        events.videoReady(link);
        if (link.state() == State.CONNECTED) {
            announceInRange(link);
        }
    }

    /**
     * Activates a live, connected link's audio sender (nothing otherwise). WebRTC starts the send
     * stream, and its recording thread if none runs, inside that call, so the fence holds its
     * stops meanwhile. False if it failed and the link was closed.
     */
    private boolean startSending(PeerLink link) {
        if (!link.readyToSend()) {
            return true;
        }
        fence.holdBack(link);
        long started = System.nanoTime();
        try {
            link.startSending();
        } catch (RuntimeException e) {
            LOG.warn("cannot turn on audio to {}: {}", link.peerId, e.toString());
            fence.settle(link);
            close(links.remove(link.peerId));
            return false;
        }
        // The stream may start a little later, when the transport is first writable: the link
        // settles once it has sent a packet (at most SENDING_MS after the activation).
        link.whenSending(() -> {
            fence.settle(link);
            LOG.debug("audio to {} sending {} us after its activation", link.peerId, (System.nanoTime() - started) / 1000);
        }, SENDING_MS);
        return true;
    }

    private void announceInRange(PeerLink link) {
        if (!link.announcedInRange) {
            link.announcedInRange = true;
            LOG.info("voice link to {} connected in {} ms", link.peerId, link.setupMillis());
            events.enteredHearingRange(link.peerId);
        }
    }

    void signal(String from, JsonNode payload) {
        PeerLink link = links.get(from);
        if (link != null) {
            link.onSignal(payload);
            return;
        }
        long now = System.nanoTime();
        early.values().forEach(l -> l.removeIf(s -> now - s.nanos() > EARLY_SIGNAL_TTL_NANOS));
        early.values().removeIf(List::isEmpty);
        early.computeIfAbsent(from, k -> new ArrayList<>()).add(new EarlySignal(now, payload));
    }

    void closeAll() {
        early.clear();
        warm.clear();
        for (PeerLink link : List.copyOf(links.values())) {
            links.remove(link.peerId);
            close(link);
        }
    }

    PeerLink get(String peerId) {
        return links.get(peerId);
    }

    Collection<PeerLink> all() {
        return links.values();
    }

    /** Runs {@code push} if my voice may go into WebRTC now (see {@link CaptureFence}); false if not. Capture thread. */
    boolean whenSettled(Runnable push) {
        return fence.push(push);
    }

    /**
     * The control thread starts ({@code running}) or ends a task. Any task may call into WebRTC in
     * a way that starts a send stream or, through {@code AudioState::OnMuteStreamChanged} (any
     * sender given its stream or track while the recording thread is stopped), the audio module's
     * recording thread: the fence never stops that thread while one runs. Control thread.
     */
    void controlTask(boolean running) {
        if (running) {
            fence.holdBack(this);
        } else {
            fence.settle(this);
        }
    }

    /** The audio module's {@code stopRecording}, once the engine has made the module. */
    void stopsRecordingWith(Runnable stopRecording) {
        fence.stopsWith(stopRecording);
    }

    /**
     * Closes a link (already out of {@link #links}): its sinks come off with pushes waiting, not
     * dropped; the connection then closes while my voice goes on to the others.
     */
    private void close(PeerLink link) {
        if (link == null) {
            return;
        }
        boolean wasConnected = link.state() == State.CONNECTED && link.live();
        try {
            fence.changeSinks(link::detach);
            link.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the voice link to {} failed: {}", link.peerId, e.toString());
        } finally {
            fence.settle(link);
        }
        if (wasConnected) {
            events.leftHearingRange(link.peerId);
        }
    }

    /** Events from links, on the control thread. */
    private final class LinkEvents implements PeerLink.Events {
        @Override
        public void stateChanged(PeerLink link) {
            if (!link.live()) {
                return; // a warm link is no call yet: nothing to show
            }
            events.changed(link.snapshot());
            if (link.state() == State.CONNECTED) {
                announceInRange(link);
            }
        }

        @Override
        public void connected(PeerLink link) {
            startSending(link);
        }

        @Override
        public void speakingChanged(PeerLink link) {
            if (!link.live()) {
                return;
            }
            events.changed(link.snapshot());
            events.speakingChanged(link.peerId, link.voice.meter.speaking());
        }

        @Override
        public void videoReady(PeerLink link) {
            events.videoReady(link);
        }
    }
}
