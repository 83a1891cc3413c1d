package io.skyscope.client.notes;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts Automerge's encoded changes (a run of chunks, each {@code magic(4) checksum(4) type(1)
 * length(uLEB128) body}) into groups of whole chunks of at most {@code max} bytes, so a large
 * backlog of offline edits travels in several {@code notes.update} frames. A single chunk larger
 * than {@code max} makes a group of its own (the server refuses it; local edits are committed in
 * pieces small enough never to make one).
 */
final class ChangeChunks {
    private ChangeChunks() {
    }

    static List<byte[]> split(byte[] encoded, int max) {
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
}
