package io.skyscope.server.world;

import io.skyscope.protocol.PositionFrame;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Assembles one receiver's position frames at a time, in either encoding, splitting them so that
 * none grows past what a client accepts: binary {@link PositionFrame}s of at most
 * {@link PositionFrame#MAX_ENTRIES} entries, JSON {@code presence.update}s of about
 * {@link #JSON_ENTRIES_PER_FRAME}. Reused from one receiver to the next; owned by the space's thread.
 *
 * <p>A binary frame travels as a string of ISO-8859-1 characters, one per byte (the bus carries
 * strings); its first character, the frame kind, is a control character, so it is never mistaken
 * for JSON.
 */
final class PresenceFrames {
    static final int JSON_ENTRIES_PER_FRAME = 1000;

    private byte[] bytes = new byte[4096];
    private int length;
    private int count;
    private final StringBuilder json = new StringBuilder(4096);
    private String common;
    private String userId;
    private List<Delivery> out;

    /**
     * Starts the frames of one receiver. {@code common} (joined, left, changed; may be null) goes
     * into the first JSON frame; a binary receiver gets it at once, in a JSON frame of its own,
     * so that it knows the numbers of newcomers before any binary frame names them.
     */
    void begin(String receiver, List<Delivery> deliveries, String commonPart, boolean binary) {
        userId = receiver;
        out = deliveries;
        length = PositionFrame.HEADER_BYTES;
        count = 0;
        json.setLength(0);
        common = commonPart;
        if (binary && common != null) {
            out.add(Delivery.frame(userId, jsonFrame("", common)));
            common = null;
        }
    }

    // Binary

    void add(Occupant o) {
        room(1);
        PositionFrame.entry(bytes, length, o.number, o.x(), o.y());
        length += PositionFrame.ENTRY_BYTES;
        count++;
    }

    /** Copies {@code entries} encoded entries from {@code source}, starting at entry {@code from}. */
    void addEncoded(byte[] source, int from, int entries) {
        while (entries > 0) {
            int n = room(entries);
            System.arraycopy(source, from * PositionFrame.ENTRY_BYTES, bytes, length, n * PositionFrame.ENTRY_BYTES);
            length += n * PositionFrame.ENTRY_BYTES;
            count += n;
            from += n;
            entries -= n;
        }
    }

    /** Makes room for up to {@code wanted} entries (sending a full frame first); returns how many fit. */
    private int room(int wanted) {
        if (count == PositionFrame.MAX_ENTRIES) {
            sendBinary();
        }
        int n = Math.min(wanted, PositionFrame.MAX_ENTRIES - count);
        int needed = length + n * PositionFrame.ENTRY_BYTES;
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
        return n;
    }

    private void sendBinary() {
        PositionFrame.header(bytes, 0, count);
        out.add(Delivery.frame(userId, new String(bytes, 0, length, StandardCharsets.ISO_8859_1)));
        length = PositionFrame.HEADER_BYTES;
        count = 0;
    }

    /** Sends the binary entries not sent yet. */
    void finishBinary() {
        if (count > 0) {
            sendBinary();
        }
    }

    // JSON

    /** Adds {@code entries} JSON position entries, comma-separated in {@code part}. */
    void addJson(String part, int entries) {
        if (count > 0 && count + entries > JSON_ENTRIES_PER_FRAME) {
            sendJson();
        }
        if (count > 0) {
            json.append(',');
        }
        json.append(part);
        count += entries;
    }

    void finishJson() {
        if (count > 0 || common != null) {
            sendJson();
        }
    }

    private void sendJson() {
        out.add(Delivery.frame(userId, jsonFrame(json, common)));
        common = null;
        json.setLength(0);
        count = 0;
    }

    private static String jsonFrame(CharSequence moved, String common) {
        var sb = new StringBuilder(48 + moved.length() + (common == null ? 0 : common.length() + 1))
                .append("{\"type\":\"presence.update\",\"moved\":[").append(moved).append(']');
        if (common != null) {
            sb.append(',').append(common);
        }
        return sb.append('}').toString();
    }
}
