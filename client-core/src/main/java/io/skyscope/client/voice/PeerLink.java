package io.skyscope.client.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCIceTransportPolicy;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpCodecCapability;
import dev.onvoid.webrtc.RTCRtpEncodingParameters;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCStatsType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.video.VideoTrack;
import io.skyscope.client.voice.LinkState.State;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebRTC connection to one peer: offer or answer, ICE candidates both ways, the peer's
 * decoded voice into a {@link RemoteVoice}, on a two-way link the camera and screen sections
 * ({@link LinkVideo}), and an orderly close.
 *
 * <p>A link is live (a call: my voice goes out) or warm (set up before a call, the server's
 * {@code voice.warm}). Every link's audio sender starts inactive, so it sends no RTP at all and
 * WebRTC starts no send stream on its own; a live link's sender is activated by the engine once
 * the link is connected ({@link #startSending}, see {@link CaptureFence} for why); {@link
 * #makeLive} turns a warm link into a call without a new offer or new ICE.
 *
 * <p>Threads: every method runs on the engine's control thread; WebRTC's callbacks arrive on its
 * signalling thread and are handed to the control thread.
 */
final class PeerLink {
    private static final Logger LOG = LoggerFactory.getLogger(PeerLink.class);

    /** What the link tells its engine. Called on the control thread. */
    interface Events {
        void stateChanged(PeerLink link);

        /** The link is connected (again): a live link's audio sender may be activated now. */
        void connected(PeerLink link);

        void speakingChanged(PeerLink link);

        /** The link's video sections exist now (at once for an offerer, after the offer for an answerer). */
        void videoReady(PeerLink link);
    }

    final String peerId;
    final String reason;
    final String direction;
    final boolean offerer;
    final long createdNanos = System.nanoTime();
    final RemoteVoice voice;
    /** The camera and screen sections; only a {@code sendrecv} link has them. */
    final LinkVideo video;

    private final ScheduledExecutorService control;
    private final VoiceSignalling signalling;
    private final Events events;
    private final List<RTCIceCandidate> pendingCandidates = new ArrayList<>();
    private final DescriptionSteps steps = new DescriptionSteps(this::onControl, this::fail);
    private RTCPeerConnection pc;
    /** The video codecs this link negotiates (empty: WebRTC's whole list); set by {@link #open}. */
    private List<RTCRtpCodecCapability> videoCodecs = List.of();
    private RTCRtpSender sender;
    /** The addTransceiver/addTrack result, whose Java wrapper owns a native reference. */
    private long ownedSenderSide;
    private AudioTrack remoteTrack;
    private boolean remoteDescriptionSet;
    private volatile State state = State.CONNECTING;
    private volatile long connectedNanos;
    volatile boolean remoteMuted;
    volatile double volume = 1;
    /** Written by the render thread: how loud the mix plays them, and whether they are within earshot. */
    volatile double gain;
    volatile boolean inRange = true;
    /** Control thread: whether the engine announced this link coming into hearing range. */
    boolean announcedInRange;
    /** Whether my voice goes out on it (a call) rather than only being set up (warm). */
    private volatile boolean live;
    /** Whether the audio sender's encoding is active. Control thread. */
    private boolean sending;

    PeerLink(String peerId, boolean offerer, String reason, String direction, boolean live,
             ScheduledExecutorService control, VoiceSignalling signalling, Events events, VideoSinks sinks,
             CaptureFence fence) {
        this.peerId = peerId;
        this.live = live;
        this.offerer = offerer;
        this.reason = reason;
        this.direction = direction;
        this.control = control;
        this.signalling = signalling;
        this.events = events;
        this.voice = new RemoteVoice(() -> onControl(() -> events.speakingChanged(this)), fence);
        this.video = new LinkVideo(peerId, sinks);
    }

    /**
     * Creates the connection with my microphone track and, if I am the offerer, sends the offer.
     * The offerer adds a transceiver with the direction the server named. The answerer adds its
     * track with {@code addTrack}, because applying the offer reuses a transceiver made that way
     * (one made by {@code addTransceiver} would be left aside and never send); a receive-only
     * answerer adds nothing and its answer comes out receive-only. On a two-way link the offerer
     * adds the camera and screen sections after the voice, with my video tracks (taken off again
     * until the engine puts them where allowed); the answerer gets them from the offer.
     */
    void open(PeerConnectionFactory factory, AudioTrack microphone, VideoTrack camera, VideoTrack screen,
              List<RTCRtpCodecCapability> videoCodecs, VoiceConfig config) {
        this.videoCodecs = videoCodecs;
        pc = factory.createPeerConnection(rtcConfiguration(config), new Observer());
        if (offerer) {
            var init = new RTCRtpTransceiverInit();
            init.direction = switch (direction) {
                case "sendonly" -> RTCRtpTransceiverDirection.SEND_ONLY;
                case "recvonly" -> RTCRtpTransceiverDirection.RECV_ONLY;
                default -> RTCRtpTransceiverDirection.SEND_RECV;
            };
            init.streamIds = List.of("voice");
            // Inactive from the start: no send stream, so not one packet before startSending.
            init.sendEncodings = List.of(encoding(false));
            RTCRtpTransceiver transceiver = pc.addTransceiver(microphone, init);
            ownedSenderSide = NativeReferences.handle(transceiver);
            sender = transceiver.getSender();
            if (twoWay()) {
                video.offer(pc, camera, screen, videoCodecs);
                events.videoReady(this);
            }
            pc.createOffer(new RTCOfferOptions(), steps.described(offer -> setLocal(offer, "offer")));
        } else if (!"recvonly".equals(direction)) {
            sender = pc.addTrack(microphone, List.of("voice"));
            ownedSenderSide = NativeReferences.handle(sender);
            // Before any description: the parameters apply when the sender gets its stream.
            activate(false);
        }
    }

    /** Whether my voice goes out on this link (a call), rather than the link only being set up (warm). */
    boolean live() {
        return live;
    }

    /** Makes this warm link a call: my audio goes out once {@link #startSending} runs (same connection, no offer, no ICE). */
    void makeLive() {
        live = true;
    }

    /** Whether {@link #startSending} would start my audio: a live, connected link whose sender is off. */
    boolean readyToSend() {
        return live && !sending && sender != null && state == State.CONNECTED && pc != null;
    }

    /**
     * Activates the audio sender: WebRTC starts the send stream (and its recording thread, if none
     * runs) inside this call, the link being connected. Only between the fence's holdBack and settle.
     */
    void startSending() {
        if (readyToSend()) {
            activate(true);
            sending = true;
        }
    }

    private void activate(boolean on) {
        if (sender == null) {
            return; // a receive-only answerer sends nothing either way
        }
        var parameters = sender.getParameters();
        if (parameters.encodings == null || parameters.encodings.isEmpty()) {
            parameters.encodings = new ArrayList<>(List.of(encoding(on)));
        } else {
            parameters.encodings.forEach(e -> e.active = on);
        }
        sender.setParameters(parameters);
    }

    private static RTCRtpEncodingParameters encoding(boolean active) {
        var encoding = new RTCRtpEncodingParameters();
        encoding.active = active;
        return encoding;
    }


    /** A payload from the peer: their offer, answer or an ICE candidate. */
    void onSignal(JsonNode payload) {
        if (state == State.CLOSED || pc == null) {
            return;
        }
        String type = payload.path("type").asText("");
        if (payload.has("candidate") && payload.get("candidate").asText("").isEmpty()) {
            // The end of the peer's candidates (a browser's form; the server relays it as ""):
            // nothing to hand to WebRTC, whose ICE gathering ends on its own.
            return;
        }
        if (payload.hasNonNull("candidate")) {
            var candidate = new RTCIceCandidate(payload.path("sdpMid").asText(null),
                    payload.path("sdpMLineIndex").asInt(0), payload.get("candidate").asText());
            if (remoteDescriptionSet) {
                pc.addIceCandidate(candidate);
            } else {
                pendingCandidates.add(candidate);
            }
        } else if (type.equals("offer") && !offerer) {
            setRemote(new RTCSessionDescription(RTCSdpType.OFFER, payload.path("sdp").asText()), () -> {
                if (twoWay() && !video.ready()) {
                    video.answer(pc, videoCodecs);
                    events.videoReady(this);
                }
                pc.createAnswer(new RTCAnswerOptions(), steps.described(answer -> setLocal(answer, "answer")));
            });
        } else if (type.equals("answer") && offerer) {
            setRemote(new RTCSessionDescription(RTCSdpType.ANSWER, payload.path("sdp").asText()), () -> { });
        } else {
            LOG.debug("ignoring a '{}' payload from {} (offerer={})", type, peerId, offerer);
        }
    }

    /**
     * Takes the peer's voice off its sink and my microphone's track off the sender: the changes
     * to the sinks that must not overlap a push (see {@link CaptureFence}). {@link #close} does it
     * too if it was not done.
     */
    void detach() {
        if (remoteTrack != null) {
            remoteTrack.removeSink(voice);
            remoteTrack = null;
        }
        if (pc != null && sender != null) {
            pc.removeTrack(sender);
            sender = null;
        }
    }

    /**
     * Frees every native object of this link: the sink, my track from the sender, the connection,
     * then the references webrtc-java kept for us (see {@link NativeReferences}).
     */
    void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        detach();
        if (pc != null) {
            video.close(pc);
            long connection = NativeReferences.handle(pc);
            pc.close();
            pc = null;
            NativeReferences.release(ownedSenderSide, "voice link transceiver");
            ownedSenderSide = 0;
            video.releaseReferences();
            NativeReferences.release(connection, "voice peer connection");
        }
        voice.meter.reset();
        events.stateChanged(this);
    }

    /**
     * Runs {@code then} on the control thread once this link has sent its first RTP packet (its
     * send stream, and with it WebRTC's recording thread, has started), polling the statistics
     * every 20 ms, or once {@code atMostMillis} have passed, or if the link closes.
     */
    void whenSending(Runnable then, long atMostMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(atMostMillis);
        pollSending(then, deadline);
    }

    private void pollSending(Runnable then, long deadline) {
        if (state == State.CLOSED || pc == null || System.nanoTime() >= deadline) {
            then.run();
            return;
        }
        pc.getStats(report -> {
            boolean sent = report.getStats().values().stream()
                    .filter(st -> st.getType() == RTCStatsType.OUTBOUND_RTP)
                    .map(st -> st.getAttributes().get("packetsSent"))
                    .anyMatch(v -> v instanceof Number n && n.longValue() > 0);
            control.execute(() -> {
                if (sent) {
                    then.run();
                } else {
                    control.schedule(() -> pollSending(then, deadline), 20, TimeUnit.MILLISECONDS);
                }
            });
        });
    }

    /**
     * Hands the peer's audio {@code inbound-rtp} statistics ({@link ReceiveStats}, or null if the
     * link has none yet or closed) to {@code then}, on WebRTC's signalling thread.
     */
    void receiveStats(Consumer<ReceiveStats> then) {
        stats(ReceiveStats::from, then);
    }

    /**
     * Hands what {@code read} makes of the link's statistics to {@code then} (null if the link
     * closed), on WebRTC's signalling thread.
     */
    <T> void stats(java.util.function.Function<dev.onvoid.webrtc.RTCStatsReport, T> read, Consumer<T> then) {
        if (state == State.CLOSED || pc == null) {
            then.accept(null);
            return;
        }
        pc.getStats(report -> then.accept(read.apply(report)));
    }

    State state() {
        return state;
    }

    /** A two-way link: it carries video sections besides the voice (a media room's link carries voice only). */
    boolean twoWay() {
        return "sendrecv".equals(direction) && !MediaRooms.REASON.equals(reason);
    }

    /** Milliseconds from the join to the connection, or -1. */
    long setupMillis() {
        return connectedNanos == 0 ? -1 : (connectedNanos - createdNanos) / 1_000_000;
    }

    LinkState snapshot() {
        return new LinkState(peerId, reason, direction, state, voice.meter.level(), voice.meter.speaking(), remoteMuted,
                volume, gain, setupMillis(), video.snapshot());
    }

    private void setLocal(RTCSessionDescription description, String type) {
        pc.setLocalDescription(description, steps.applied(() -> {
            ObjectNode payload = JsonNodeFactory.instance.objectNode();
            payload.put("type", type).put("sdp", description.sdp);
            signalling.signal(peerId, payload);
        }));
    }

    private void setRemote(RTCSessionDescription description, Runnable then) {
        pc.setRemoteDescription(description, steps.applied(() -> {
            remoteDescriptionSet = true;
            pendingCandidates.forEach(pc::addIceCandidate);
            pendingCandidates.clear();
            then.run();
        }));
    }

    private void fail(String what) {
        LOG.warn("voice link to {} failed: {}", peerId, what);
        if (state != State.CLOSED) {
            state = State.FAILED;
            events.stateChanged(this);
        }
    }

    static RTCConfiguration rtcConfiguration(VoiceConfig config) {
        var rtc = new RTCConfiguration();
        for (var server : config.iceServers()) {
            var ice = new RTCIceServer();
            ice.urls.addAll(server.urls());
            ice.username = server.username();
            ice.password = server.credential();
            rtc.iceServers.add(ice);
        }
        if (config.relayOnly()) {
            rtc.iceTransportPolicy = RTCIceTransportPolicy.RELAY;
        }
        return rtc;
    }

    /** Runs a step on the control thread unless the link closed meanwhile. */
    private void onControl(Runnable step) {
        control.execute(() -> {
            if (state != State.CLOSED && pc != null) {
                step.run();
            }
        });
    }

    /** WebRTC's callbacks, on its signalling thread. */
    private final class Observer implements PeerConnectionObserver {
        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
            ObjectNode payload = JsonNodeFactory.instance.objectNode();
            payload.put("candidate", candidate.sdp).put("sdpMid", candidate.sdpMid)
                    .put("sdpMLineIndex", candidate.sdpMLineIndex);
            signalling.signal(peerId, payload);
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState change) {
            onControl(() -> {
                switch (change) {
                    case CONNECTED -> {
                        if (connectedNanos == 0) {
                            connectedNanos = System.nanoTime();
                        }
                        state = State.CONNECTED;
                        events.connected(PeerLink.this);
                        events.stateChanged(PeerLink.this);
                    }
                    case FAILED -> fail("ICE could not connect");
                    case DISCONNECTED -> {
                        state = State.CONNECTING;
                        events.stateChanged(PeerLink.this);
                    }
                    default -> {
                    }
                }
            });
        }

        @Override
        public void onTrack(RTCRtpTransceiver transceiver) {
            if (transceiver.getReceiver().getTrack() instanceof AudioTrack audio) {
                onControl(() -> {
                    remoteTrack = audio;
                    audio.addSink(voice);
                });
            }
        }
    }
}
