package io.skyscope.server.world.proximity;

/**
 * A link between two people: why it exists and, for a stage link from a speaker to a listener,
 * who speaks ({@code speakerId}; null when both sides talk).
 */
public record VoiceLink(VoiceReason reason, String speakerId) {
    static final VoiceLink PROXIMITY = new VoiceLink(VoiceReason.PROXIMITY, null);
    static final VoiceLink ROOM = new VoiceLink(VoiceReason.ROOM, null);
    static final VoiceLink STAGE_MUTUAL = new VoiceLink(VoiceReason.STAGE, null);

    static VoiceLink fromSpeaker(String speakerId) {
        return new VoiceLink(VoiceReason.STAGE, speakerId);
    }

    /** Whether both sides send audio. */
    public boolean mutual() {
        return speakerId == null;
    }

    /** The WebRTC media direction seen from {@code userId}'s side of the link. */
    public String direction(String userId) {
        if (mutual()) {
            return "sendrecv";
        }
        return speakerId.equals(userId) ? "sendonly" : "recvonly";
    }
}
