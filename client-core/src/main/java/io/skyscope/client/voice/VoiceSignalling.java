package io.skyscope.client.voice;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the voice engine sends to the server: WebRTC payloads for a peer, and my voice state. The
 * server's side of the conversation (who joins and leaves my voice set, payloads from peers) comes
 * in through {@link VoiceEngine#join}, {@link VoiceEngine#leave}, {@link VoiceEngine#signal} and
 * {@link VoiceEngine#peerState}. Implementations must accept calls from any thread and not block.
 */
public interface VoiceSignalling {

    /**
     * Sends a payload to a peer: {@code {"type":"offer"|"answer","sdp":…}} or
     * {@code {"candidate":…,"sdpMid":…,"sdpMLineIndex":…}}, the browser's shapes.
     */
    void signal(String peerId, ObjectNode payload);

    /**
     * Tells the people near me whether I am muted, whether I am speaking, whether my camera is on
     * and whether I share my screen.
     */
    void voiceState(boolean muted, boolean speaking, boolean camera, boolean screen);

    /**
     * Sends a message about my video in a mixed meeting room ({@code media.video.publish},
     * {@code media.video.answer}, {@code media.video.unpublish}) to the server, which holds my
     * handles on the media server's SFU.
     */
    void video(io.skyscope.protocol.ClientMessage.VoiceCommand command);
}
