package io.skyscope.server.world;

import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import io.skyscope.server.world.proximity.VoiceMember;
import java.util.ArrayList;
import java.util.List;

/** Someone present in a space, as its owner keeps them. Owned by the space's thread. */
final class Occupant {
    private static final Occupant[] NONE = new Occupant[0];

    final String userId;
    final Mover mover;
    /** Their handle in the space's proximity engine. */
    VoiceMember voice;
    String sessionId;
    /** The ICE servers their welcome offered, offered again when the welcome is resent. */
    List<ServerMessage.IceServer> iceServers = List.of();
    String displayName;
    String avatar;
    /** Their profile photo's version, or null. */
    String photo;
    Status status;
    String statusText;
    /** True while the status is AWAY only because the user went idle. */
    boolean autoAway;
    long lastActivityMillis;
    /** The last move sequence number seen from this user. */
    long lastSeq;
    /** Their number in the compact position frames; also spreads their periodic work over ticks. */
    int number;
    /** Positions go to this person's connection in binary frames. */
    boolean binary;

    // What PresenceFanOut keeps; see there.
    /** Position at the end of the previous tick, to tell who came into view. */
    double tickX;
    double tickY;
    /** Moved during this tick. */
    boolean dirty;
    /** Moved since their position last went to everyone within the interest radius. */
    boolean farPending;
    /** Their position goes to everyone within the interest radius in this tick's chunks. */
    boolean farDue;
    long lastMoveTick;
    long lastFarTick = Long.MIN_VALUE / 2;
    /** This tick's chunk holding their position, and where in its bytes. */
    PresenceChunk chunk;
    int chunkIndex;
    /** The people whose every move this person receives (the nearest), refreshed now and then. */
    Occupant[] near = NONE;
    int nearCount;
    long nextNearTick;
    /** How far the farthest of the nearest stood at the last refresh (the full-rate radius if fewer). */
    double nearRadius = Double.MAX_VALUE;
    double nearX;
    double nearY;
    long mark;
    /** Who has this person among their nearest. */
    final ArrayList<Occupant> watchers = new ArrayList<>(4);
    /**
     * What this person receives at the end of the tick: single entries; chunks wholly within their
     * interest radius; chunks it cuts through, whose entries are checked one by one.
     */
    final ArrayList<Occupant> entries = new ArrayList<>();
    final ArrayList<PresenceChunk> chunks = new ArrayList<>();
    final ArrayList<PresenceChunk> edgeChunks = new ArrayList<>();
    /** This tick's encoded JSON position entry, built at most once per tick. */
    String fragment;
    long fragmentTick = -1;

    Occupant(String userId, Mover mover) {
        this.userId = userId;
        this.mover = mover;
    }

    double x() {
        return mover.x();
    }

    double y() {
        return mover.y();
    }

    Person person() {
        return new Person(userId, displayName, avatar, mover.x(), mover.y(), status, statusText, number, photo);
    }

    /** Takes {@code other} out of this person's nearest. */
    void forgetNear(Occupant other) {
        for (int i = 0; i < nearCount; i++) {
            if (near[i] == other) {
                near[i] = near[--nearCount];
                near[nearCount] = null;
                return;
            }
        }
    }
}
