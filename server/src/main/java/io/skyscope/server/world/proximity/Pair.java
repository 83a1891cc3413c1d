package io.skyscope.server.world.proximity;

/** Two user ids in a fixed order (the smaller first), naming one link. */
record Pair(String first, String second) {
    static Pair of(String a, String b) {
        return a.compareTo(b) < 0 ? new Pair(a, b) : new Pair(b, a);
    }
}
