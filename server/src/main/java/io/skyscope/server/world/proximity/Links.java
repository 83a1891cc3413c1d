package io.skyscope.server.world.proximity;

import java.util.ArrayList;
import java.util.List;

/**
 * One person's links: peers and why, in small parallel arrays searched by identity, with whose
 * camera travels on each ({@link VideoSets}; only in the {@code linked} relation). A person has a
 * handful of links (at most {@code maxPeers} by proximity, a room, a stage's speakers or
 * audience), where a scan of a few references beats hashing user ids.
 */
final class Links {
    /** Video flag: this person receives the peer's camera. */
    static final byte RECEIVES = 1;
    /** Video flag: the peer receives this person's camera. */
    static final byte SENDS = 2;

    private VoiceMember[] peers = new VoiceMember[4];
    private VoiceLink[] kinds = new VoiceLink[4];
    private byte[] video = new byte[4];
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

    /** The video flags of link {@code i} ({@link #RECEIVES}, {@link #SENDS}). */
    byte video(int i) {
        return video[i];
    }

    /** The video flags of the link to {@code peer}, or 0 if there is none. */
    byte video(VoiceMember peer) {
        for (int i = 0; i < size; i++) {
            if (peers[i] == peer) {
                return video[i];
            }
        }
        return 0;
    }

    /** Sets or clears {@code flag} on the link to {@code peer} (which must exist). */
    void video(VoiceMember peer, byte flag, boolean on) {
        for (int i = 0; i < size; i++) {
            if (peers[i] == peer) {
                video[i] = (byte) (on ? video[i] | flag : video[i] & ~flag);
                return;
            }
        }
        throw new IllegalStateException("no link to " + peer.id);
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
            video = java.util.Arrays.copyOf(video, size * 2);
        }
        peers[size] = peer;
        kinds[size] = link;
        video[size] = 0; // a new link starts with no camera
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
                video[i] = video[size];
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
