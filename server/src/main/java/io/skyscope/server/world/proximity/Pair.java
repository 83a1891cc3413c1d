package io.skyscope.server.world.proximity;

/**
 * Two people in a fixed order (the smaller user id first), naming one link. Equal when it names
 * the same two people. The hash is worked out once, when the pair is made: the rules make a pair
 * just as they change the two people's links, while their objects are fresh in the cache, and the
 * debounce's map hashes it again ticks later, when they are not.
 */
final class Pair {
    private final VoiceMember first;
    private final VoiceMember second;
    private final int hash;

    private Pair(VoiceMember first, VoiceMember second) {
        this.first = first;
        this.second = second;
        this.hash = 31 * System.identityHashCode(first) + System.identityHashCode(second);
    }

    static Pair of(VoiceMember a, VoiceMember b) {
        return a.id.compareTo(b.id) < 0 ? new Pair(a, b) : new Pair(b, a);
    }

    VoiceMember first() {
        return first;
    }

    VoiceMember second() {
        return second;
    }

    boolean involves(VoiceMember m) {
        return first == m || second == m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pair p && p.first == first && p.second == second;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return first.id + "-" + second.id;
    }
}
