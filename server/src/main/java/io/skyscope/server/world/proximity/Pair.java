package io.skyscope.server.world.proximity;

/** Two people in a fixed order (the smaller user id first), naming one link. */
record Pair(VoiceMember first, VoiceMember second) {
    static Pair of(VoiceMember a, VoiceMember b) {
        return a.id.compareTo(b.id) < 0 ? new Pair(a, b) : new Pair(b, a);
    }

    boolean involves(VoiceMember m) {
        return first == m || second == m;
    }
}
