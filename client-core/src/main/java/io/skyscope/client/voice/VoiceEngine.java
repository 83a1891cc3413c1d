package io.skyscope.client.voice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import io.skyscope.client.video.ScreenSource;
import io.skyscope.client.video.VideoDevice;
import io.skyscope.client.video.VideoFrameSink;
import io.skyscope.client.video.VideoKind;
import io.skyscope.protocol.ServerMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proximity voice and video: one {@link PeerLink} per person in my voice set, my microphone going
 * out to all of them, their voices mixed by where they stand and played on my speaker; on two-way
 * links my camera (where the server's {@code voice.video} allows it) and my screen share, and
 * their pictures to the UI's {@link VideoFrameSink}s.
 *
 * <p>It owns every native object: WebRTC's audio module (the headless one: sound devices are
 * reached through an {@link AudioBackend}, so device choice works the same on every OS), the
 * connection factory, my microphone's source and track, the audio processing module, and my
 * camera's and screen's video sources and tracks (one each, shared by every link). They are
 * released in reverse order of creation by {@link #close}.
 *
 * <p>Video. {@link #setCamera}, {@link #useCamera}, {@link #shareScreen} and {@link #stopSharing}
 * may be called from any thread; they take effect on the control thread, and problems (a camera
 * that cannot open, a share that fails) reach {@link VoiceListener#videoProblem} while the call
 * goes on with voice. My camera is captured once, at 640 × 360 and 15 frames a second, and
 * scaled per link by how many links carry it (see {@code VideoQuality}). Cameras are listed by
 * {@link #cameras}: the synthetic test pattern first, then real cameras through webrtc-java; real
 * cameras are opened with its {@code VideoDeviceSource}, which this project could not test (no
 * machine it is tested on has one). Frame sinks ({@link #addVideoSink}) are called on WebRTC's
 * decoding threads for peers and on the capture thread for my self-view.
 *
 * <p>Threads. Public methods may be called from any thread; link work goes to the single
 * {@code voice-control} thread, which alone touches peer connections and runs listeners. The
 * {@code voice-capture} thread ({@link CaptureLoop}) and the {@code voice-render} thread
 * ({@link RenderLoop}) move sound every 10 ms. WebRTC's own threads call into {@link PeerLink}'s
 * observers and {@link RemoteVoice}.
 *
 * <p>Starting to send. When a link's send stream starts, WebRTC starts its audio module's own
 * recording thread, which must never deliver while the capture thread pushes (webrtc-java 0.14.0
 * aborts the JVM), and which may be stopped only when no send stream is starting (the module's
 * start and stop race, and a worker thread hangs for good). So every link's audio sender starts
 * inactive, and a live link's is activated on the control thread once the link is connected; the
 * {@link CaptureFence} holds its stops from then until the link has sent a packet, and while any
 * control task runs. My microphone goes on throughout if a link I hear is being played: the
 * recording thread then shows itself before it delivers, and is stopped once it may be. People
 * already linked keep hearing me when someone joins or leaves; what they may hear is about 30 ms
 * of my playout mix that the module's thread slips in before it is stopped. With no link being
 * played (my first link), a push waits while the fence holds its stops.
 *
 * <p>Warm links ({@link #warm}, {@link #cool}; see {@link VoiceLinks}) are connections set up before
 * a call with my audio sender inactive: no RTP at all. A call over a connected warm link activates
 * the sender at once; one not yet connected, when it connects, as a new link does.
 * They are not in {@link #snapshot}; {@link #connection} and {@link #audioRtpCounts} show them.
 */
public final class VoiceEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VoiceEngine.class);

    private final AudioBackend backend;
    private final VoiceSignalling signalling;
    private final Positions positions;
    private final List<VoiceListener> listeners = new CopyOnWriteArrayList<>();
    private final BackendSlots slots = new BackendSlots();
    private final NativeStack natives = new NativeStack();
    private final SpatialMixer mixer;
    private final Chime chime = new Chime();
    private final ScheduledExecutorService control;
    private final VoiceLinks links;
    private final MediaRooms media;
    private final HeadlessAudioDeviceModule adm;
    private final VoiceProcessing processing;
    private final CaptureLoop capture;
    private final VideoControl video;
    /** The video of each mixed meeting room I am in, by its media room; changed on the control thread only. */
    private final Map<Long, RoomVideo> roomVideos = new java.util.concurrent.ConcurrentHashMap<>();
    private final RoomVideo.Context roomVideo;
    private final Thread captureThread;
    private final Thread renderThread;
    private volatile Thread controlThread;
    private volatile VoiceConfig config;
    private volatile boolean running = true;
    private volatile boolean muted;
    private volatile boolean deafened;
    private volatile boolean pushToTalk;
    private volatile boolean talkKeyDown;
    private boolean announcedMuted;
    private boolean announcedSpeaking;
    private boolean announcedCamera;
    private boolean announcedScreen;

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
        this.control = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = Thread.ofPlatform().name("voice-control").daemon().unstarted(r);
            controlThread = t;
            return t;
        }) {
            // Any control task may call into WebRTC, which may start a send stream or restart the
            // audio module's recording thread (negotiation, a sender switched): the fence stops that
            // thread only between tasks.
            @Override
            protected void beforeExecute(Thread t, Runnable r) {
                controlTask(true);
            }

            @Override
            protected void afterExecute(Runnable r, Throwable t) {
                controlTask(false);
            }
        };
        this.media = new MediaRooms(signalling, this::signal);
        this.links = new VoiceLinks(control, media, () -> this.config, new LinkEvents());
        CustomAudioSource source;
        try {
            processing = new VoiceProcessing(config.processing());
            natives.push("audio processing", processing::close);
            adm = new HeadlessAudioDeviceModule();
            natives.push("audio device module", adm::dispose);
            links.stopsRecordingWith(adm::stopRecording);
            PeerConnectionFactory factory = new PeerConnectionFactory(adm);
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
            AudioTrack microphone = factory.createAudioTrack("microphone", source);
            natives.push("microphone track", microphone::dispose);
            video = new VideoControl(factory, natives, new VideoSinks(), links::all, this::onControl, new VideoEvents());
            links.connectTo(factory, microphone, video.camera.track, video.screen.track, video.sinks);
            roomVideo = new RoomVideo.Context(factory, () -> this.config, control, signalling, video.sinks,
                    LinkVideo.preferredCodecs(factory));
            slots.useInput(input, openInput(input));
            slots.useOutput(output, openOutput(output));
        } catch (RuntimeException | Error e) {
            slots.closeAll();
            natives.close();
            control.shutdownNow();
            throw e;
        }
        control.scheduleWithFixedDelay(() -> {
            try {
                video.watch();
            } catch (RuntimeException e) {
                LOG.warn("watching video failed", e);
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
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
        onControl(() -> links.join(peerId, offerer, reason, direction));
    }

    /**
     * {@code peerId} left my voice set; close the link and free its native objects. My camera may
     * go out larger on the links that remain.
     */
    public void leave(String peerId, String reason) {
        onControl(() -> {
            links.leave(peerId);
            video.refresh();
        });
    }

    /**
     * {@code peerId} is near (the server's {@code voice.warm}): a connection to them is set up now,
     * with no audio either way, so that a {@code voice.join} for them only has to turn audio on.
     */
    public void warm(String peerId, boolean offerer) {
        onControl(() -> links.warm(peerId, offerer));
    }

    /** {@code peerId} is no longer warm ({@code voice.cool}): a warm-only connection closes. */
    public void cool(String peerId) {
        onControl(() -> links.cool(peerId));
    }

    /** A WebRTC payload from {@code from}. Kept for a while if it arrives before their join. */
    public void signal(String from, JsonNode payload) {
        onControl(() -> links.signal(from, payload));
    }

    /** The connection dropped: every link is gone (the server sends fresh joins after a reconnect). */
    public void leaveAll() {
        onControl(() -> {
            closeRoomVideos();
            media.closeAll();
            links.closeAll();
        });
    }

    /**
     * The server sends me to a room on the media server (a stage beyond direct links): a link to
     * it is opened once Janus has a session for me (see {@link MediaRooms}).
     */
    public void joinMedia(ServerMessage.MediaJoin join) {
        String peerId = MediaRooms.peerId(join.room());
        onControl(() -> {
            links.leave(peerId);
            media.open(join, () -> onControl(() -> links.join(peerId, true, MediaRooms.REASON, "sendrecv")));
            closeRoomVideo(join.room());
            if (join.meetingRoom() != null) {
                // A mixed meeting room's video goes through the server to the media server's SFU.
                var video = new RoomVideo(join.room(), roomVideo);
                roomVideos.put(join.room(), video);
                publishRoomVideo(video);
            }
        });
    }

    /** I left a media room: my session there ends and its link closes, and its video with it. */
    public void leaveMedia(long room) {
        onControl(() -> {
            media.close(room);
            links.leave(MediaRooms.peerId(room));
            closeRoomVideo(room);
        });
    }

    /** The media server's answer to my camera and screen in a mixed meeting room ({@code media.video.published}). */
    public void roomVideoPublished(ServerMessage.MediaVideoPublished published) {
        onControl(() -> {
            RoomVideo video = roomVideos.get(published.room());
            if (video != null) {
                video.published(published.sdp());
            }
        });
    }

    /** The others' pictures in a mixed meeting room ({@code media.video.offer}): answered at once. */
    public void roomVideoOffer(ServerMessage.MediaVideoOffer offer) {
        onControl(() -> {
            RoomVideo video = roomVideos.get(offer.room());
            if (video != null) {
                video.offer(offer);
            }
        });
    }

    private void publishRoomVideo(RoomVideo room) {
        room.publish(video.camera.track, video.screen.track, video.cameraOn(), video.sharing());
    }

    private void closeRoomVideo(long room) {
        RoomVideo video = roomVideos.remove(room);
        if (video != null) {
            video.close();
        }
    }

    private void closeRoomVideos() {
        List.copyOf(roomVideos.keySet()).forEach(this::closeRoomVideo);
    }

    /** STUN/TURN servers for links opened from now on (TURN credentials expire; each welcome brings fresh ones). */
    public void setIceServers(List<VoiceConfig.IceServer> servers) {
        config = config.withIceServers(servers, config.relayOnly());
    }

    /**
     * Someone near me muted or unmuted (their own report). Applied on the control thread, after a
     * {@code voice.join} that came just before it has made the link.
     */
    public void peerState(String userId, boolean peerMuted, boolean speaking) {
        peerState(userId, peerMuted, speaking, false, false);
    }

    /** Someone near me muted or unmuted, turned their camera on or off, started or stopped sharing. */
    public void peerState(String userId, boolean peerMuted, boolean speaking, boolean camera, boolean screen) {
        onControl(() -> {
            PeerLink link = links.get(userId);
            if (link != null) {
                link.remoteMuted = peerMuted;
                video.peerFlags(link, camera, screen);
                announce(link.snapshot());
            }
        });
    }

    /** The server's {@code voice.video}: whether my camera goes to {@code peerId}, and theirs to me. */
    public void videoPermission(String peerId, boolean send, boolean receive) {
        onControl(() -> {
            PeerLink link = links.get(peerId);
            if (link != null) {
                video.permission(link, send, receive);
            }
        });
    }

    // ---- the user's controls ---------------------------------------------------------------

    public void setMuted(boolean on) {
        muted = on;
        onControl(this::announceVoiceState);
    }

    /**
     * Plays the notice sound (the chime heard when someone comes into hearing range) through the
     * speaker now, unless deafened: the app rings it for a wave or a knock. Any thread.
     */
    public void ring() {
        if (!deafened) {
            chime.ring();
        }
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

    /**
     * Tells the server my mute and speaking flags again, as last announced: after a reconnect the
     * server has forgotten them.
     */
    public void resendVoiceState() {
        onControl(() -> signalling.voiceState(announcedMuted, announcedSpeaking, announcedCamera, announcedScreen));
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

    /**
     * Switches to another microphone ({@link AudioDevice#none}: none); the old one closes once the
     * new one is open. Throws, keeping the old one, if the new one cannot be opened.
     */
    public void useInput(AudioDevice device) {
        slots.useInput(device, openInput(device));
    }

    /** Switches to another speaker, as {@link #useInput} does. */
    public void useOutput(AudioDevice device) {
        slots.useOutput(device, openOutput(device));
    }

    // ---- video ------------------------------------------------------------------------------

    /**
     * The cameras to choose from: {@link VideoDevice#testPattern()} first, then the real ones
     * webrtc-java finds (none on a machine without cameras). Any thread; may take up to three
     * seconds (the OS is asked each time).
     */
    public List<VideoDevice> cameras() {
        return video.cameras();
    }

    /**
     * Turns my camera on or off. On, it opens the camera chosen with {@link #useCamera} (the first
     * real camera if none was chosen; with no camera at all it stays off with a
     * {@link VoiceListener#videoProblem}) and sends it on the links where the server's
     * {@code voice.video} says {@code send}; the people near me learn it from my {@code voice.state}.
     */
    public void setCamera(boolean on) {
        onControl(() -> video.setCamera(on));
    }

    /** Chooses the camera; if mine is on, switches to it at once. */
    public void useCamera(VideoDevice device) {
        onControl(() -> video.useCamera(device));
    }

    /**
     * Shares {@code source} with everyone on a two-way link with me (a share already running
     * stops first). The engine captures it on its own thread and closes it when the share stops.
     */
    public void shareScreen(ScreenSource source) {
        onControl(() -> video.share(source));
    }

    public void stopSharing() {
        onControl(video::stopSharing);
    }

    /**
     * Shows a picture: {@code peerId}'s camera or screen share, or with {@code peerId} null my own
     * (a self-view). Sinks may be added before the picture exists and stay until removed; see
     * {@link VideoFrameSink} for the thread and the frame's lifetime.
     */
    public void addVideoSink(String peerId, VideoKind kind, VideoFrameSink sink) {
        video.sinks.add(peerId, kind, sink);
    }

    public void removeVideoSink(String peerId, VideoKind kind, VideoFrameSink sink) {
        video.sinks.remove(peerId, kind, sink);
    }

    /** Frames of {@code peerId}'s picture received so far (tests, statistics). */
    public long videoFrames(String peerId, VideoKind kind) {
        PeerLink link = links.get(peerId);
        return link == null ? 0 : link.video.frames(kind);
    }

    // ---- for the UI ------------------------------------------------------------------------

    public VoiceSnapshot snapshot() {
        List<LinkState> states = new ArrayList<>();
        List<String> hearMe = new ArrayList<>();
        for (PeerLink link : links.all()) {
            if (!link.live()) {
                continue; // warm: set up, but not in my voice set
            }
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
                tx && capture.meter.speaking(), slots.inputDevice(), slots.outputDevice(), states, hearMe,
                video.cameraOn(), video.cameraDevice(), video.sharing(),
                roomVideos.values().stream().flatMap(v -> v.pictures().stream()).toList());
    }

    /** When the first audible frame from {@code peerId} arrived (System.nanoTime), or 0. */
    public long firstAudioNanos(String peerId) {
        PeerLink link = links.get(peerId);
        return link == null ? 0 : link.voice.firstAudioNanos();
    }

    /**
     * How {@code peerId}'s voice arrives: WebRTC's receive statistics for our link (packets lost,
     * samples NetEq concealed, jitter-buffer delay), completed with null if there is no link or it
     * has no audio stream yet. For diagnostics and tests; each call asks WebRTC afresh.
     */
    public CompletableFuture<ReceiveStats> receiveStats(String peerId) {
        return linkStats(peerId, ReceiveStats::from);
    }

    /** What {@code read} makes of the statistics of the link to {@code peerId}; null if there is none. */
    private <T> CompletableFuture<T> linkStats(String peerId,
                                               java.util.function.Function<dev.onvoid.webrtc.RTCStatsReport, T> read) {
        var result = new CompletableFuture<T>();
        onControl(() -> {
            PeerLink link = links.get(peerId);
            if (link == null) {
                result.complete(null);
            } else {
                link.stats(read, result::complete);
            }
        });
        if (!running) {
            result.complete(null);
        }
        return result;
    }

    /**
     * The connection to {@code peerId}, call or warm link: its state and whether it is live (a
     * call), or null if there is none. For tests and diagnostics; {@link #snapshot} shows calls only.
     */
    public Connection connection(String peerId) {
        PeerLink link = links.get(peerId);
        return link == null ? null : new Connection(link.state(), link.live(), link.createdNanos);
    }

    /**
     * A connection to a peer: where it is, whether my voice goes out on it, and when it was made
     * (System.nanoTime; the same connection keeps it from warm to call and back).
     */
    public record Connection(LinkState.State state, boolean live, long openedNanos) {
    }

    /**
     * The audio RTP sent and received on the connection to {@code peerId} so far (WebRTC's
     * statistics, asked afresh), completed with null if there is none. For tests and diagnostics.
     */
    public CompletableFuture<AudioRtpCounts> audioRtpCounts(String peerId) {
        return linkStats(peerId, AudioRtpCounts::from);
    }

    /** Microphone frames held back (not pushed) while a sender was being activated or a link's sinks changed. */
    public long heldBackFrames() {
        return capture.heldBack();
    }

    private void controlTask(boolean running) {
        VoiceLinks l = links;
        if (l != null) {
            l.controlTask(running);
        }
    }

    /** Runs {@code task} on the control thread and waits for its result (tests, shutdown). */
    <T> T onControlAndWait(Callable<T> task) {
        try {
            return control.submit(task).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("voice control task failed", e);
        }
    }

    /**
     * Stops the sound threads, closes every link and releases the native objects in reverse. If a
     * thread that uses them does not end (stuck inside WebRTC), the native objects are left as
     * they are, and its stack is logged: releasing them under a thread still inside would hang
     * or crash the process, while leaving them costs only their memory.
     */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        slots.closeAll();
        boolean ended = join(captureThread) & join(renderThread);
        try {
            onControlAndWait(() -> {
                closeRoomVideos();
                video.close();
                media.closeAll();
                links.closeAll();
                return null;
            });
        } catch (IllegalStateException e) {
            LOG.warn("closing voice links failed", e);
        }
        control.shutdownNow();
        try {
            ended &= control.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        }
        if (ended) {
            natives.close();
            return;
        }
        for (Thread t : new Thread[] {captureThread, renderThread, controlThread}) {
            if (t != null && t.isAlive()) {
                LOG.error("voice engine closed with {} stuck; its native objects are left unreleased:{}", t.getName(),
                        stack(t));
            }
        }
    }

    private static String stack(Thread t) {
        var out = new StringBuilder();
        for (StackTraceElement e : t.getStackTrace()) {
            out.append(System.lineSeparator()).append("\tat ").append(e);
        }
        return out.toString();
    }

    // ---- internals -------------------------------------------------------------------------

    /** No microphone: the capture loop idles and nothing of mine is pushed into WebRTC. */
    private AudioBackend.AudioInput openInput(AudioDevice device) {
        return device != null && device.isNone() ? null : backend.openInput(device);
    }

    /** No speaker: the render loop still mixes (levels, speaking) on its own clock. */
    private AudioBackend.AudioOutput openOutput(AudioDevice device) {
        return device != null && device.isNone() ? null : backend.openOutput(device);
    }

    boolean transmitting() {
        return !muted && !deafened && (!pushToTalk || talkKeyDown);
    }

    private void announce(LinkState state) {
        listeners.forEach(l -> l.linkChanged(state));
    }

    private void announceVoiceState() {
        boolean m = muted || deafened;
        boolean speaking = transmitting() && capture.meter.speaking();
        boolean camera = video.cameraOn();
        boolean screen = video.sharing();
        if (m != announcedMuted || speaking != announcedSpeaking || camera != announcedCamera
                || screen != announcedScreen) {
            announcedMuted = m;
            announcedSpeaking = speaking;
            announcedCamera = camera;
            announcedScreen = screen;
            signalling.voiceState(m, speaking, camera, screen);
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
        } catch (RejectedExecutionException e) {
            LOG.debug("voice engine closed; task dropped");
        }
    }

    /** Waits, bounded, for {@code t} to end; false if it did not. */
    private static boolean join(Thread t) {
        try {
            return t.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What the links report, on the control thread: to the listeners, with a chime for a newcomer. */
    private final class LinkEvents implements VoiceLinks.Events {
        @Override
        public void changed(LinkState link) {
            announce(link);
        }

        @Override
        public void enteredHearingRange(String peerId) {
            if (config.chime() && !deafened) {
                chime.ring();
            }
            listeners.forEach(l -> l.enteredHearingRange(peerId));
        }

        @Override
        public void leftHearingRange(String peerId) {
            listeners.forEach(l -> l.leftHearingRange(peerId));
        }

        @Override
        public void speakingChanged(String peerId, boolean speaking) {
            listeners.forEach(l -> l.speakingChanged(peerId, speaking));
        }

        @Override
        public void videoReady(PeerLink link) {
            video.refresh();
        }
    }

    /** What the video tells, on the control thread: my flags to the server, the rest to the listeners. */
    private final class VideoEvents implements VideoControl.Events {
        @Override
        public void flagsChanged() {
            announceVoiceState();
            roomVideos.values().forEach(VoiceEngine.this::publishRoomVideo);
        }

        @Override
        public void linkChanged(PeerLink link) {
            if (link.live()) {
                announce(link.snapshot());
            }
        }

        @Override
        public void videoChanged(String peerId, VideoKind kind, boolean flowing) {
            listeners.forEach(l -> l.videoChanged(peerId, kind, flowing));
        }

        @Override
        public void problem(String message) {
            listeners.forEach(l -> l.videoProblem(message));
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
            return links.whenSettled(push);
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
        public Collection<PeerLink> links() {
            return links.all();
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
