package io.skyscope.client.voice;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpCodecCapability;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One video-only WebRTC connection to the media server's SFU, its signalling relayed by the
 * SkyScope server: my camera and screen going out (the publisher), or the others' pictures coming
 * in (the subscriber). Without trickle: a description is sent once ICE gathering has finished (or
 * after {@link #GATHER_MILLIS}), so it carries my candidates, and Janus's carry its own. No audio,
 * so none of the voice engine's care about WebRTC's recording thread applies here.
 *
 * <p>Threads: every method runs on the engine's control thread; WebRTC's callbacks are handed to
 * it, and dropped once the connection is closed.
 */
final class SfuConnection {
    private static final Logger LOG = LoggerFactory.getLogger(SfuConnection.class);
    /** The longest a description waits for ICE gathering (STUN or TURN servers slow to answer). */
    static final long GATHER_MILLIS = 3_000;

    private final String name;
    private final ScheduledExecutorService control;
    private final RTCPeerConnection pc;
    /** The native references the addTransceiver results hold. */
    private final List<Long> owned = new ArrayList<>();
    private final DescriptionSteps steps = new DescriptionSteps(this::onControl, this::failed);
    private Runnable whenGathered;
    private boolean closed;

    SfuConnection(String name, PeerConnectionFactory factory, VoiceConfig config, ScheduledExecutorService control) {
        this.name = name;
        this.control = control;
        this.pc = factory.createPeerConnection(PeerLink.rtcConfiguration(config), new Observer());
    }

    /** A send-only video section with {@code track}, in a stream of its own named {@code stream}. */
    RTCRtpTransceiver addSending(VideoTrack track, String stream, List<RTCRtpCodecCapability> codecs) {
        var init = new RTCRtpTransceiverInit();
        init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
        init.streamIds = List.of(stream);
        RTCRtpTransceiver transceiver = pc.addTransceiver(track, init);
        owned.add(NativeReferences.handle(transceiver));
        LinkVideo.prefer(transceiver, codecs, name);
        return transceiver;
    }

    /** Makes and applies my offer; {@code then} gets it with my candidates. */
    void offer(Consumer<String> then) {
        pc.createOffer(new RTCOfferOptions(), steps.described(d -> setLocal(d, then)));
    }

    /** Applies the SFU's answer to my offer. */
    void answered(String sdp) {
        pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, sdp), steps.applied(() -> { }));
    }

    /**
     * Applies the SFU's offer; {@code applied} runs then (the transceivers exist), and {@code then}
     * gets my answer with my candidates.
     */
    void answer(String offer, Runnable applied, Consumer<String> then) {
        pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, offer), steps.applied(() -> {
            applied.run();
            pc.createAnswer(new RTCAnswerOptions(), steps.described(d -> setLocal(d, then)));
        }));
    }

    /** The connection's transceivers (wrappers that own no reference: never released). */
    RTCRtpTransceiver[] transceivers() {
        return closed ? new RTCRtpTransceiver[0] : pc.getTransceivers();
    }

    boolean closed() {
        return closed;
    }

    /** Closes the connection and drops the references webrtc-java kept; the caller took its sinks off first. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        long connection = NativeReferences.handle(pc);
        for (RTCRtpTransceiver t : pc.getTransceivers()) {
            try {
                if (t.getSender().getTrack() != null) {
                    t.getSender().replaceTrack(null);
                }
                pc.removeTrack(t.getSender());
            } catch (RuntimeException e) {
                LOG.debug("{}: removing a sender: {}", name, e.toString());
            }
        }
        pc.close();
        owned.forEach(handle -> NativeReferences.release(handle, "video transceiver"));
        owned.clear();
        NativeReferences.release(connection, "video peer connection");
    }

    private void setLocal(RTCSessionDescription description, Consumer<String> then) {
        pc.setLocalDescription(description, steps.applied(() -> {
            whenGathered = () -> then.accept(pc.getLocalDescription().sdp);
            if (pc.getIceGatheringState() == RTCIceGatheringState.COMPLETE) {
                gathered();
            } else {
                control.schedule(() -> {
                    if (!closed && whenGathered != null) {
                        LOG.info("{}: ICE gathering not done after {} ms; sending the candidates found so far", name,
                                GATHER_MILLIS);
                        gathered();
                    }
                }, GATHER_MILLIS, TimeUnit.MILLISECONDS);
            }
        }));
    }

    private void failed(String what) {
        LOG.warn("{}: {}", name, what);
    }

    private void gathered() {
        Runnable next = whenGathered;
        whenGathered = null;
        if (next != null && !closed) {
            next.run();
        }
    }

    private void onControl(Runnable step) {
        control.execute(() -> {
            if (!closed) {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    LOG.warn("{} failed", name, e);
                }
            }
        });
    }

    /** WebRTC's callbacks, on its signalling thread. */
    private final class Observer implements PeerConnectionObserver {
        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
            // Not trickled: the description sent once gathering ends carries every candidate.
        }

        @Override
        public void onIceGatheringChange(RTCIceGatheringState state) {
            if (state == RTCIceGatheringState.COMPLETE) {
                onControl(SfuConnection.this::gathered);
            }
        }
    }
}
