package io.skyscope.protocol.rest;

/**
 * A space's voice settings. In {@code PUT /api/v1/spaces/{spaceId}/voice-settings} each field is
 * optional: a missing (or null) one goes back to the server's default. The response always has
 * every field: the settings now in force.
 *
 * @param joinRadius     map pixels within which two people in open space start hearing each other
 * @param leaveRadius    map pixels beyond which they stop (at least {@code joinRadius})
 * @param maxPeers       most people one person hears by proximity: the nearest
 * @param debounceMillis how long a change of who hears whom must hold before it is made
 * @param roomCapacity   most people a meeting room admits
 * @param stageAudience  most listeners a stage reaches (direct links; beyond that a media server is needed)
 * @param walkingSpeed   map pixels per second above which someone is walking past: they start no new
 *                       call until they slow down (0: off)
 * @param videoPeers     most people whose camera one person receives: the nearest of their two-way
 *                       links (0: no camera video in the space)
 * @param roomMesh       with a media server, a meeting room of more people than this is heard through one
 *                       mix on the media server instead of direct links (no effect without one)
 */
public record VoiceSettingsView(Double joinRadius, Double leaveRadius, Integer maxPeers, Long debounceMillis,
                                Integer roomCapacity, Integer stageAudience, Double walkingSpeed,
                                Integer videoPeers, Integer roomMesh) {
    /** Settings without {@code videoPeers} (as bodies written before it existed): it takes the default. */
    public VoiceSettingsView(Double joinRadius, Double leaveRadius, Integer maxPeers, Long debounceMillis,
                             Integer roomCapacity, Integer stageAudience, Double walkingSpeed) {
        this(joinRadius, leaveRadius, maxPeers, debounceMillis, roomCapacity, stageAudience, walkingSpeed, null);
    }

    /** Settings without {@code roomMesh} (as bodies written before it existed): it takes the default. */
    public VoiceSettingsView(Double joinRadius, Double leaveRadius, Integer maxPeers, Long debounceMillis,
                             Integer roomCapacity, Integer stageAudience, Double walkingSpeed, Integer videoPeers) {
        this(joinRadius, leaveRadius, maxPeers, debounceMillis, roomCapacity, stageAudience, walkingSpeed, videoPeers,
                null);
    }
}
