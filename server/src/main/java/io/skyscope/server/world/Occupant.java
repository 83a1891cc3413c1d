package io.skyscope.server.world;

import io.skyscope.protocol.Person;
import io.skyscope.protocol.Status;
import io.skyscope.server.world.proximity.VoiceMember;

/** Someone present in a space, as its owner keeps them. Owned by the space's thread. */
final class Occupant {
    final String userId;
    final Mover mover;
    /** Their handle in the space's proximity engine. */
    VoiceMember voice;
    String sessionId;
    /** The ICE servers their welcome offered, offered again when the welcome is resent. */
    java.util.List<io.skyscope.protocol.ServerMessage.IceServer> iceServers = java.util.List.of();
    String displayName;
    String avatar;
    Status status;
    String statusText;
    /** True while the status is AWAY only because the user went idle. */
    boolean autoAway;
    long lastActivityMillis;
    /** Position at the end of the previous tick, to tell who came into view. */
    double tickX;
    double tickY;
    boolean dirty;
    /** The last move sequence number seen from this user. */
    long lastSeq;
    /** Spreads reduced-rate updates of far movers evenly over ticks. */
    int slot;
    long lastMoveTick;
    boolean recent;
    /** This tick's encoded position entry, built at most once per tick. */
    String fragment;
    long fragmentTick = -1;
    /** Encoded position entries to send to this person at the end of the tick. */
    final PendingMoves pending = new PendingMoves();

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
        return new Person(userId, displayName, avatar, mover.x(), mover.y(), status, statusText);
    }
}
