package io.skyscope.client.voice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Signalling between voice engines in one JVM, standing in for the server: payloads go straight
 * to the named engine as if relayed, and {@link #link}/{@link #unlink} play the server's
 * {@code voice.join}/{@code voice.leave}.
 */
final class LoopbackSignalling {
    private final Map<String, VoiceEngine> engines = new ConcurrentHashMap<>();
    final List<String> voiceStates = new CopyOnWriteArrayList<>();
    /** Every offer and answer relayed, as "from type" to its SDP. */
    final Map<String, String> descriptions = new ConcurrentHashMap<>();

    /** The signalling seen by {@code userId}'s engine. */
    VoiceSignalling of(String userId) {
        return new VoiceSignalling() {
            @Override
            public void signal(String peerId, ObjectNode payload) {
                if (payload.has("sdp")) {
                    descriptions.put(userId + " " + payload.path("type").asText(), payload.path("sdp").asText());
                }
                VoiceEngine peer = engines.get(peerId);
                if (peer != null) {
                    peer.signal(userId, payload.deepCopy());
                }
            }

            @Override
            public void voiceState(boolean muted, boolean speaking, boolean camera, boolean screen) {
                voiceStates.add(userId + " muted=" + muted + " speaking=" + speaking);
                engines.forEach((id, e) -> {
                    if (!id.equals(userId)) {
                        e.peerState(userId, muted, speaking, camera, screen);
                    }
                });
            }

            @Override
            public void video(io.skyscope.protocol.ClientMessage.VoiceCommand command) {
                // no media server between engines here
            }
        };
    }

    void register(String userId, VoiceEngine engine) {
        engines.put(userId, engine);
    }

    /** The server puts two people in each other's voice set; {@code offerer} sends the offer. */
    void link(String offerer, String answerer) {
        engines.get(answerer).join(offerer, false, "proximity", "sendrecv");
        engines.get(offerer).join(answerer, true, "proximity", "sendrecv");
    }

    void unlink(String a, String b) {
        engines.get(a).leave(b, "proximity");
        engines.get(b).leave(a, "proximity");
    }
}
