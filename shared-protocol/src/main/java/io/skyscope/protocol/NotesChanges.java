package io.skyscope.protocol;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Automerge's encoded changes as {@code notes.update} carries them: a run of change chunks, each
 * {@code magic(4) checksum(4) type(1) length(uLEB128) body}, where the chunk's hash (the change's
 * id) is the SHA-256 of {@code type length body} and the checksum its first four bytes. Checked
 * here, before the bytes reach Automerge (which skips what it cannot read without saying so), and
 * cut into groups that each fit one update.
 */
public final class NotesChanges {
    private static final byte[] MAGIC = {(byte) 0x85, 0x6f, 0x4a, (byte) 0x83};
    /** An uncompressed change; Automerge encodes changes for sending this way. */
    private static final int CHANGE = 1;

    private NotesChanges() {
    }

    /**
     * The hash of each change in {@code encoded}, in order; IllegalArgumentException if the bytes
     * are not whole, uncompressed change chunks with matching checksums.
     */
    public static List<byte[]> hashes(byte[] encoded) {
        List<byte[]> hashes = new ArrayList<>();
        int at = 0;
        while (at < encoded.length) {
            int end = chunkEnd(encoded, at);
            if (!Arrays.equals(encoded, at, at + 4, MAGIC, 0, 4)) {
                throw new IllegalArgumentException("not an Automerge chunk at byte " + at);
            }
            if (encoded[at + 8] != CHANGE) {
                throw new IllegalArgumentException("the chunk at byte " + at + " is not an uncompressed change");
            }
            MessageDigest sha = sha256();
            sha.update(encoded, at + 8, end - at - 8);
            byte[] hash = sha.digest();
            if (!Arrays.equals(hash, 0, 4, encoded, at + 4, at + 8)) {
                throw new IllegalArgumentException("the checksum of the chunk at byte " + at + " does not match");
            }
            hashes.add(hash);
            at = end;
        }
        return hashes;
    }

    /**
     * Cuts encoded changes into groups of whole chunks of at most {@code max} bytes, so a large
     * backlog of offline edits travels in several updates. A single chunk larger than {@code max}
     * makes a group of its own (the server refuses it; an editor commits its edits in pieces
     * small enough never to make one).
     */
    public static List<byte[]> split(byte[] encoded, int max) {
        List<byte[]> groups = new ArrayList<>();
        var group = new ByteArrayOutputStream();
        int at = 0;
        while (at < encoded.length) {
            int end = chunkEnd(encoded, at);
            if (group.size() > 0 && group.size() + (end - at) > max) {
                groups.add(group.toByteArray());
                group.reset();
            }
            group.write(encoded, at, end - at);
            at = end;
        }
        if (group.size() > 0) {
            groups.add(group.toByteArray());
        }
        return groups;
    }

    /** Where the chunk starting at {@code start} ends. */
    private static int chunkEnd(byte[] bytes, int start) {
        int at = start + 9; // magic, checksum, type
        long length = 0;
        int shift = 0;
        while (true) {
            if (at >= bytes.length || shift > 35) {
                throw new IllegalArgumentException("not Automerge chunks: bad length at byte " + start);
            }
            int b = bytes[at++] & 0xff;
            length |= (long) (b & 0x7f) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        long end = at + length;
        if (end > bytes.length) {
            throw new IllegalArgumentException("not Automerge chunks: chunk at byte " + start + " runs past the end");
        }
        return (int) end;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
