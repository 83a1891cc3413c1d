package io.skyscope.client.voice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import io.skyscope.client.voice.LinkState.State;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proximity voice: one {@link PeerLink} per person in my voice set, my microphone going out to all
 * of them, their voices mixed by where they stand and played on my speaker.
 *
 * <p>It owns every native object: WebRTC's audio module (the headless one: sound devices are
 * reached through an {@link AudioBackend}, so device choice works the same on every OS), the
 * connection factory, my microphone's source and track, and the audio processing module. They are
 * released in reverse order of creation by {@link #close}.
 *
 * <p>Threads. Public methods may be called from any thread; link work goes to the single
 * {@code voice-control} thread, which alone touches peer connections and runs listeners. The
 * {@code voice-capture} thread ({@link CaptureLoop}) and the {@code voice-render} thread
 * ({@link RenderLoop}) move sound every 10 ms. WebRTC's own threads call into {@link PeerLink}'s
 * observers and {@link RemoteVoice}.
 *
 * <p>Settling. When a link starts sending (once its transport is first writable, on WebRTC's
 * worker thread, about when it connects), WebRTC starts its audio module's own recording thread,
 * which must never run while the capture thread pushes: webrtc-java 0.14.0 aborts the JVM. So a
 * link "settles" once it has sent its first packet (that thread then runs; 500 ms after connecting
 * if no packet shows, at once if it failed or closed, after 15 s at the latest), and until no
 * link is settling the capture thread holds my microphone back; each push first stops that
 * recording thread. People already linked miss a fraction of a second of me when someone joins.
 */
public final class VoiceEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VoiceEngine.class);
    /**
     * WebRTC starts sending (and its recording thread) once the transport is writable, about when
     * it connects; the first packet sent shows it has. A link that shows none (receive-only) settles
     * this long after connecting.
     */
    private static final long SETTLE_AFTER_CONNECTED_MS = 500;
    /** A link that has not connected by then is not sending either; stop holding my voice back for it. */
    private static final long SETTLE_AT_THE_LATEST_MS = 15_000;
    private static final long EARLY_SIGNAL_TTL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private volatile VoiceConfig config;
    private final AudioBackend backend;
    private final VoiceSignalling signalling;
    private final Positions positions;
    private final List<VoiceListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, PeerLink> links = new ConcurrentHashMap<>();
    private final Set<PeerLink> settling = new HashSet<>();
    private final Map<String, List<EarlySignal>> early = new ConcurrentHashMap<>();
    private final BackendSlots slots = new BackendSlots();
    private final NativeStack natives = new NativeStack();
    private final SpatialMixer mixer;
    private final Chime chime = new Chime();
    private final ScheduledExecutorService control;
    private final HeadlessAudioDeviceModule adm;
    private final PeerConnectionFactory factory;
    private final CustomAudioSource source;
    private final AudioTrack microphone;
    private final VoiceProcessing processing;
    private final CaptureLoop capture;
    private final Thread captureThread;
    private final Thread renderThread;
    private volatile boolean running = true;
    private volatile boolean muted;
    private volatile boolean deafened;
    private volatile boolean pushToTalk;
    private volatile boolean talkKeyDown;
    private boolean announcedMuted;
    private boolean announcedSpeaking;

    private record EarlySignal(long nanos, JsonNode payload) {
    }

    /**
     * Creates the native objects, opens the devices ({@code null}: the backend's default) and
     * starts moving sound.
     */
    public VoiceEngine(VoiceConfig config, AudioBackend backend, AudioDevice input, AudioDevice output,
                       VoiceSignalling signalling, Positions positions) {
        this.config = config;
        this.backend = backend;
        this.signalling = signalling;
        this.positions = positions;
        this.mixer = new SpatialMixer(config.mixer());
        this.control = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
                .name("voice-control").daemon().unstarted(r));
        try {
            processing = new VoiceProcessing(config.processing());
            natives.push("audio processing", processing::close);
            adm = new HeadlessAudioDeviceModule();
            natives.push("audio device module", adm::dispose);
            factory = new PeerConnectionFactory(adm);
            natives.push("peer connection factory", factory::dispose);
            // Playout makes WebRTC decode each peer and feed their sinks; the render thread plays.
            adm.initPlayout();
            adm.startPlayout();
            natives.push("playout", () -> {
                adm.stopRecording();
                adm.stopPlayout();
            });
            source = new CustomAudioSource();
            natives.push("microphone source", source::dispose);
            microphone = factory.createAudioTrack("microphone", source);
            natives.push("microphone track", microphone::dispose);
            slots.useInput(input, backend.openInput(input));
            slots.useOutput(output, backend.openOutput(output));
        } catch (RuntimeException | Error e) {
            slots.closeAll();
            natives.close();
            control.shutdownNow();
            throw e;
        }
        capture = new CaptureLoop(new CaptureHost(), source);
        captureThread = Thread.ofPlatform().name("voice-capture").daemon().start(capture);
        renderThread = Thread.ofPlatform().name("voice-render").daemon()
                .start(new RenderLoop(new RenderHost(), mixer, chime));
    }

    public void addListener(VoiceListener listener) {
        listeners.add(listener);
    }

    public void removeListener(VoiceListener listener) {
        listeners.remove(listener);
    }

    // ---- from the server -------------------------------------------------------------------

    /** {@code peerId} entered my voice set; open a link (offering if told to). */
    public void join(String peerId, boolean offerer, String reason, String direction) {
        onControl(() -> {
            PeerLink old = links.remove(peerId);
            if (old != null) {
                closeLink(old);
            }
            var link = new PeerLink(peerId, offerer, reason == null ? "proximity" : reason,
                    direction == null ? "sendrecv" : direction, control, signalling, new LinkEvents());
            links.put(peerId, link);
            holdBack(link);
            control.schedule(() -> settle(link), SETTLE_AT_THE_LATEST_MS, TimeUnit.MILLISECONDS);
            try {
                link.open(factory, microphone, config);
            } catch (RuntimeException e) {
                LOG.warn("cannot open a voice link to {}: {}", peerId, e.toString());
                closeLink(links.remove(peerId));
                return;
            }
            announce(link);
            List<EarlySignal> waiting = early.remove(peerId);
            if (waiting != null) {
                waiting.forEach(s -> link.onSignal(s.payload()));
            }
        });
    }

    /** {@code peerId} left my voice set; close the link and free its native objects. */
    public void leave(String peerId, String reason) {
        onControl(() -> {
            early.remove(peerId);
            PeerLink link = links.remove(peerId);
            if (link != null) {
                closeLink(link);
            }
        });
    }

    /** A WebRTC payload from {@code from}. Kept for a while if it arrives before their join. */
    public void signal(String from, JsonNode payload) {
        onControl(() -> {
            PeerLink link = links.get(from);
            if (link != null) {
                link.onSignal(payload);
                return;
            }
            long now = System.nanoTime();
            early.values().forEach(l -> l.removeIf(s -> now - s.nanos() > EARLY_SIGNAL_TTL_NANOS));
            early.values().removeIf(List::isEmpty);
            early.computeIfAbsent(from, k -> new ArrayList<>()).add(new EarlySignal(now, payload));
        });
    }

    /** The connection dropped: every link is gone (the server sends fresh joins after a reconnect). */
    public void leaveAll() {
        onControl(() -> {
            early.clear();
            for (PeerLink link : List.copyOf(links.values())) {
                links.remove(link.peerId);
                closeLink(link);
            }
        });
    }

    /** STUN/TURN servers for links opened from now on (TURN credentials expire; each welcome brings fresh ones). */
    public void setIceServers(List<VoiceConfig.IceServer> servers) {
        config = config.withIceServers(servers, config.relayOnly());
    }

    /** Someone near me muted or unmuted (their own report). */
    public void peerState(String userId, boolean peerMuted, boolean speaking) {
        PeerLink link = links.get(userId);
        if (link != null) {
            link.remoteMuted = peerMuted;
            onControl(() -> announce(link));
        }
    }

    // ---- the user's controls ---------------------------------------------------------------

    public void setMuted(boolean on) {
        muted = on;
        onControl(this::announceVoiceState);
    }

    /** Deafened, I hear nobody and nobody hears me; undeafened, my mute is as it was. */
    public void setDeafened(boolean on) {
        deafened = on;
        onControl(this::announceVoiceState);
    }

    /** Push-to-talk: my microphone goes out only while {@link #setTalkKey} is held. */
    public void setPushToTalk(boolean on) {
        pushToTalk = on;
        onControl(this::announceVoiceState);
    }

    public void setTalkKey(boolean down) {
        talkKeyDown = down;
        onControl(this::announceVoiceState);
    }

    /** My volume for one person, 0 to 2 (1 = as they are). */
    public void setVolume(String peerId, double volume) {
        PeerLink link = links.get(peerId);
        if (link != null) {
            link.volume = Math.max(0, Math.min(2, volume));
        }
    }

    /** The hearing radius of the spatial mix (the server's leave radius). */
    public void setHearingRadius(double radius) {
        mixer.settings(mixer.settings().withHearingRadius(radius));
    }

    public List<AudioDevice> inputs() {
        return backend.inputs();
    }

    public List<AudioDevice> outputs() {
        return backend.outputs();
    }

    /** Switches to another microphone; the old one closes once the new one is open. */
    public void useInput(AudioDevice device) {
        slots.useInput(device, backend.openInput(device));
    }

    /** Switches to another speaker; the old one closes once the new one is open. */
    public void useOutput(AudioDevice device) {
        slots.useOutput(device, backend.openOutput(device));
    }

    // ---- for the UI ------------------------------------------------------------------------

    public VoiceSnapshot snapshot() {
        List<LinkState> states = new ArrayList<>();
        List<String> hearMe = new ArrayList<>();
        for (PeerLink link : links.values()) {
            LinkState s = link.snapshot();
            states.add(s);
            if (s.carriesMyVoice() && link.inRange) {
                hearMe.add(link.peerId);
            }
        }
        states.sort(java.util.Comparator.comparing(LinkState::peerId));
        hearMe.sort(null);
        boolean tx = transmitting();
        return new VoiceSnapshot(muted || deafened, deafened, pushToTalk, talkKeyDown, tx, capture.meter.level(),
                tx && capture.meter.speaking(), slots.inputDevice(), slots.outputDevice(), states, hearMe);
    }

    /** When the first audible frame from {@code peerId} arrived (System.nanoTime), or 0. */
    public long firstAudioNanos(String peerId) {
        PeerLink link = links.get(peerId);
        return link == null ? 0 : link.voice.firstAudioNanos();
    }

    /** Microphone frames held back while links settled. */
    public long heldBackFrames() {
        return capture.heldBack();
    }

    /** Runs {@code task} on the control thread and waits for its result (tests, shutdown). */
    <T> T onControlAndWait(Callable<T> task) {
        try {
            return control.submit(task).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("voice control task failed", e);
        }
    }

    /** Closes every link, stops the sound threads and releases the native objects in reverse. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        slots.closeAll();
        join(captureThread);
        join(renderThread);
        try {
            onControlAndWait(() -> {
                for (PeerLink link : List.copyOf(links.values())) {
                    links.remove(link.peerId);
                    closeLink(link);
                }
                return null;
            });
        } catch (IllegalStateException e) {
            LOG.warn("closing voice links failed", e);
        }
        control.shutdownNow();
        try {
            control.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        natives.close();
    }

    // ---- internals -------------------------------------------------------------------------

    boolean transmitting() {
        return !muted && !deafened && (!pushToTalk || talkKeyDown);
    }

    private void holdBack(PeerLink link) {
        synchronized (settling) {
            settling.add(link);
        }
    }

    private void settle(PeerLink link) {
        synchronized (settling) {
            settling.remove(link);
        }
    }

    private void closeLink(PeerLink link) {
        if (link == null) {
            return;
        }
        holdBack(link);
        boolean wasConnected = link.state() == State.CONNECTED;
        try {
            link.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the voice link to {} failed: {}", link.peerId, e.toString());
        } finally {
            settle(link);
        }
        if (wasConnected) {
            listeners.forEach(l -> l.leftHearingRange(link.peerId));
        }
    }

    private void announce(PeerLink link) {
        LinkState s = link.snapshot();
        listeners.forEach(l -> l.linkChanged(s));
    }

    private void announceVoiceState() {
        boolean m = muted || deafened;
        boolean speaking = transmitting() && capture.meter.speaking();
        if (m != announcedMuted || speaking != announcedSpeaking) {
            announcedMuted = m;
            announcedSpeaking = speaking;
            signalling.voiceState(m, speaking);
        }
    }

    private void onControl(Runnable task) {
        if (!running) {
            return;
        }
        try {
            control.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("voice control task failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("voice engine closed; task dropped");
        }
    }

    private static void join(Thread t) {
        try {
            t.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Events from links, on the control thread. */
    private final class LinkEvents implements PeerLink.Events {
        @Override
        public void stateChanged(PeerLink link) {
            announce(link);
            if (link.state() == State.CONNECTED && link.setupMillis() >= 0 && !link.announcedInRange) {
                link.announcedInRange = true;
                LOG.info("voice link to {} connected in {} ms", link.peerId, link.setupMillis());
                if (config.chime() && !deafened) {
                    chime.ring();
                }
                listeners.forEach(l -> l.enteredHearingRange(link.peerId));
            }
        }

        @Override
        public void settled(PeerLink link) {
            switch (link.state()) {
                case CONNECTED -> link.whenSending(() -> settle(link), SETTLE_AFTER_CONNECTED_MS);
                case FAILED, CLOSED -> settle(link);
                case CONNECTING -> {
                    // Descriptions applied; sending starts only once the transport is writable.
                }
            }
        }

        @Override
        public void speakingChanged(PeerLink link) {
            announce(link);
            boolean speaking = link.voice.meter.speaking();
            listeners.forEach(l -> l.speakingChanged(link.peerId, speaking));
        }
    }

    private final class CaptureHost implements CaptureLoop.Host {
        @Override
        public boolean running() {
            return running;
        }

        @Override
        public BackendSlots slots() {
            return slots;
        }

        @Override
        public VoiceProcessing processing() {
            return processing;
        }

        @Override
        public boolean transmitting() {
            return VoiceEngine.this.transmitting();
        }

        @Override
        public void measured(boolean changed) {
            if (changed) {
                onControl(() -> {
                    announceVoiceState();
                    boolean speaking = transmitting() && capture.meter.speaking();
                    listeners.forEach(l -> l.speakingChanged(null, speaking));
                });
            }
        }

        @Override
        public boolean whenSettled(Runnable push) {
            synchronized (settling) {
                if (!settling.isEmpty()) {
                    return false;
                }
                push.run();
                return true;
            }
        }

        @Override
        public void stopNativeRecording() {
            adm.stopRecording();
        }
    }

    private final class RenderHost implements RenderLoop.Host {
        @Override
        public boolean running() {
            return running;
        }

        @Override
        public BackendSlots slots() {
            return slots;
        }

        @Override
        public VoiceProcessing processing() {
            return processing;
        }

        @Override
        public java.util.Collection<PeerLink> links() {
            return links.values();
        }

        @Override
        public Positions positions() {
            return positions;
        }

        @Override
        public boolean deafened() {
            return deafened;
        }
    }
}
