package io.skyscope.server.world.proximity;

/**
 * How voice works in one space. Server-wide defaults come from the configuration; a space's owner
 * may override them ({@code PUT /api/v1/spaces/{spaceId}/voice-settings}).
 *
 * @param joinRadius     two people this close (map pixels) in open space start hearing each other
 * @param leaveRadius    ... and stop only once they are further apart than this (hysteresis)
 * @param maxPeers       at most this many proximity links per person: the nearest ones
 * @param debounceMillis a change of who hears whom must hold this long before it is made
 * @param roomCapacity   most people a meeting room admits (a room's own {@code capacity} may be lower)
 * @param stageAudience  most listeners a stage reaches over direct links (beyond: a media server)
 * @param walkingSpeed   someone moving faster than this (map pixels per second) is walking past:
 *                       they keep the calls they have but start no new one until they slow down;
 *                       0 turns this off
 * @param videoPeers     each person receives the camera of at most this many people: the nearest of
 *                       their two-way links ({@link VideoSets}); 0: no camera video in this space
 * @param roomMesh       with a media server, a meeting room of more people than this is heard through
 *                       one mix there instead of direct links between everyone ({@link RoomMix});
 *                       without one it changes nothing (rooms hold up to {@code roomCapacity}, all linked)
 */
public record VoiceSettings(double joinRadius, double leaveRadius, int maxPeers, long debounceMillis,
                            int roomCapacity, int stageAudience, double walkingSpeed, int videoPeers,
                            int roomMesh) {
    public static final double MAX_RADIUS = 4096;
    public static final int MAX_PEERS = 32;
    public static final long MAX_DEBOUNCE_MILLIS = 10_000;
    public static final int MAX_ROOM_CAPACITY = 50;
    public static final int MAX_STAGE_AUDIENCE = 200;
    public static final double MAX_WALKING_SPEED = 5000;
    public static final int MAX_VIDEO_PEERS = 16;
    public static final int DEFAULT_VIDEO_PEERS = 4;
    public static final int DEFAULT_ROOM_MESH = 6;

    public VoiceSettings {
        check("joinRadius", joinRadius >= 16 && joinRadius <= MAX_RADIUS, "must be from 16 to " + (int) MAX_RADIUS
                + " px, got " + joinRadius);
        check("leaveRadius", leaveRadius >= joinRadius && leaveRadius <= MAX_RADIUS,
                "must be at least joinRadius (" + joinRadius + ") and at most " + (int) MAX_RADIUS + " px, got "
                        + leaveRadius);
        check("maxPeers", maxPeers >= 1 && maxPeers <= MAX_PEERS, "must be from 1 to " + MAX_PEERS + ", got " + maxPeers);
        check("debounceMillis", debounceMillis >= 0 && debounceMillis <= MAX_DEBOUNCE_MILLIS,
                "must be from 0 to " + MAX_DEBOUNCE_MILLIS + " ms, got " + debounceMillis);
        check("roomCapacity", roomCapacity >= 2 && roomCapacity <= MAX_ROOM_CAPACITY,
                "must be from 2 to " + MAX_ROOM_CAPACITY + ", got " + roomCapacity);
        check("stageAudience", stageAudience >= 1 && stageAudience <= MAX_STAGE_AUDIENCE,
                "must be from 1 to " + MAX_STAGE_AUDIENCE + ", got " + stageAudience);
        check("walkingSpeed", walkingSpeed >= 0 && walkingSpeed <= MAX_WALKING_SPEED,
                "must be from 0 (off) to " + (int) MAX_WALKING_SPEED + " px/s, got " + walkingSpeed);
        check("videoPeers", videoPeers >= 0 && videoPeers <= MAX_VIDEO_PEERS,
                "must be from 0 (no camera video) to " + MAX_VIDEO_PEERS + ", got " + videoPeers);
        check("roomMesh", roomMesh >= 2 && roomMesh <= MAX_ROOM_CAPACITY,
                "must be from 2 to " + MAX_ROOM_CAPACITY + ", got " + roomMesh);
    }

    /** Settings with the default {@code roomMesh} ({@value #DEFAULT_ROOM_MESH}). */
    public VoiceSettings(double joinRadius, double leaveRadius, int maxPeers, long debounceMillis, int roomCapacity,
                         int stageAudience, double walkingSpeed, int videoPeers) {
        this(joinRadius, leaveRadius, maxPeers, debounceMillis, roomCapacity, stageAudience, walkingSpeed, videoPeers,
                DEFAULT_ROOM_MESH);
    }

    /** Settings with the default {@code videoPeers} ({@value #DEFAULT_VIDEO_PEERS}). */
    public VoiceSettings(double joinRadius, double leaveRadius, int maxPeers, long debounceMillis, int roomCapacity,
                         int stageAudience, double walkingSpeed) {
        this(joinRadius, leaveRadius, maxPeers, debounceMillis, roomCapacity, stageAudience, walkingSpeed,
                DEFAULT_VIDEO_PEERS);
    }

    /**
     * 4 tiles of 32 px to start hearing, 5 to stop; 8 peers; 300 ms; rooms of 12; audiences of 50;
     * walking past above 160 px/s (half the default speed limit; the clients walk at 288); the
     * cameras of the 4 nearest; a room of more than 6 through the media server, if there is one.
     */
    public static VoiceSettings defaults() {
        return new VoiceSettings(128, 160, 8, 300, 12, 50, 160, DEFAULT_VIDEO_PEERS, DEFAULT_ROOM_MESH);
    }

    /** These settings with another walking speed (0: off). */
    public VoiceSettings withWalkingSpeed(double pxPerSecond) {
        return new VoiceSettings(joinRadius, leaveRadius, maxPeers, debounceMillis, roomCapacity, stageAudience,
                pxPerSecond, videoPeers, roomMesh);
    }

    /** These settings with another {@code videoPeers} (0: no camera video). */
    public VoiceSettings withVideoPeers(int peers) {
        return new VoiceSettings(joinRadius, leaveRadius, maxPeers, debounceMillis, roomCapacity, stageAudience,
                walkingSpeed, peers, roomMesh);
    }

    /** These settings with another {@code roomMesh}. */
    public VoiceSettings withRoomMesh(int people) {
        return new VoiceSettings(joinRadius, leaveRadius, maxPeers, debounceMillis, roomCapacity, stageAudience,
                walkingSpeed, videoPeers, people);
    }

    /** The band in which an existing link is kept though a new one would not be made. */
    public double hysteresis() {
        return leaveRadius - joinRadius;
    }

    private static void check(String field, boolean ok, String problem) {
        if (!ok) {
            throw new InvalidVoiceSettingException(field, field + " " + problem);
        }
    }

    /** A setting out of range; names the setting. */
    public static final class InvalidVoiceSettingException extends IllegalArgumentException {
        private final String field;

        public InvalidVoiceSettingException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
