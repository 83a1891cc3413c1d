package io.skyscope.server.world.proximity;

import java.util.ArrayList;
import java.util.List;

/**
 * One person's links: peers and why, in two small parallel arrays searched by identity. A person
 * has a handful of links (at most {@code maxPeers} by proximity, a room, a stage's speakers or
 * audience), where a scan of a few references beats hashing user ids.
 */
final class Links {
    private VoiceMember[] peers = new VoiceMember[4];
    private VoiceLink[] kinds = new VoiceLink[4];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    VoiceMember peer(int i) {
        return peers[i];
    }

    VoiceLink link(int i) {
        return kinds[i];
    }

    VoiceLink get(VoiceMember peer) {
        for (int i = 0; i < size; i++) {
            if (peers[i] == peer) {
                return kinds[i];
            }
        }
        return null;
    }

    /** Sets the link to {@code peer}; returns the one it replaces, or null. */
    VoiceLink put(VoiceMember peer, VoiceLink link) {
        for (int i = 0; i < size; i++) {
            if (peers[i] == peer) {
                VoiceLink before = kinds[i];
                kinds[i] = link;
                return before;
            }
        }
        if (size == peers.length) {
            peers = java.util.Arrays.copyOf(peers, size * 2);
            kinds = java.util.Arrays.copyOf(kinds, size * 2);
        }
        peers[size] = peer;
        kinds[size] = link;
        size++;
        return null;
    }

    /** Removes the link to {@code peer}; returns it, or null if there was none. */
    VoiceLink remove(VoiceMember peer) {
        for (int i = 0; i < size; i++) {
            if (peers[i] == peer) {
                VoiceLink before = kinds[i];
                size--;
                peers[i] = peers[size];
                kinds[i] = kinds[size];
                peers[size] = null;
                kinds[size] = null;
                return before;
            }
        }
        return null;
    }

    /** The peers, copied (for loops that change the links). */
    List<VoiceMember> peers() {
        List<VoiceMember> copy = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            copy.add(peers[i]);
        }
        return copy;
    }
}
