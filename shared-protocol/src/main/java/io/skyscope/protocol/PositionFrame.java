package io.skyscope.protocol;

import java.nio.ByteBuffer;

/**
 * The compact form of the positions of a {@code presence.update}, sent in a binary WebSocket frame
 * to connections that asked for it ({@link PresenceEncoding#BINARY}). Big-endian:
 *
 * <pre>
 * byte 0      kind, 1 = positions
 * bytes 1-2   count, unsigned
 * count x 6   number (unsigned 16 bits, the {@link Person#number()} of someone present),
 *             x and y (unsigned 16 bits each, whole map pixels, rounded)
 * </pre>
 *
 * A frame never carries its receiver. Six bytes an entry where the JSON form takes about fifty:
 * in a crowd, where everyone within the interest radius is sent twice a second, that is what keeps
 * the bytes on the wire within reach.
 */
public final class PositionFrame {
    public static final byte KIND_POSITIONS = 1;
    public static final int HEADER_BYTES = 3;
    public static final int ENTRY_BYTES = 6;
    /** Most entries in one frame: the frame stays within {@link Limits#MAX_FRAME_BYTES}. */
    public static final int MAX_ENTRIES = (Limits.MAX_FRAME_BYTES - HEADER_BYTES) / ENTRY_BYTES;
    /** Numbers are 16 bits: at most this many people are present in one space at once. */
    public static final int MAX_NUMBER = 0xFFFF;

    private PositionFrame() {
    }

    /** Receives the entries of a decoded frame. */
    @FunctionalInterface
    public interface Entry {
        void accept(int number, int x, int y);
    }

    /** Writes a frame's header at {@code offset}. */
    public static void header(byte[] frame, int offset, int count) {
        frame[offset] = KIND_POSITIONS;
        frame[offset + 1] = (byte) (count >>> 8);
        frame[offset + 2] = (byte) count;
    }

    /** Writes one entry at {@code offset}; positions are rounded to whole pixels within 0..65535. */
    public static void entry(byte[] frame, int offset, int number, double x, double y) {
        int px = pixel(x);
        int py = pixel(y);
        frame[offset] = (byte) (number >>> 8);
        frame[offset + 1] = (byte) number;
        frame[offset + 2] = (byte) (px >>> 8);
        frame[offset + 3] = (byte) px;
        frame[offset + 4] = (byte) (py >>> 8);
        frame[offset + 5] = (byte) py;
    }

    private static int pixel(double coordinate) {
        long rounded = Math.round(coordinate);
        return (int) Math.max(0, Math.min(0xFFFF, rounded));
    }

    /**
     * Decodes a frame, calling {@code each} for every entry in order; returns the count.
     *
     * @throws IllegalArgumentException if the frame is not a well-formed positions frame
     */
    public static int decode(ByteBuffer frame, Entry each) {
        ByteBuffer b = frame.duplicate();
        if (b.remaining() < HEADER_BYTES || b.get() != KIND_POSITIONS) {
            throw new IllegalArgumentException("not a positions frame");
        }
        int count = Short.toUnsignedInt(b.getShort());
        if (b.remaining() != count * ENTRY_BYTES) {
            throw new IllegalArgumentException("a positions frame of " + count + " entries needs "
                    + count * ENTRY_BYTES + " bytes after its header, got " + b.remaining());
        }
        for (int i = 0; i < count; i++) {
            each.accept(Short.toUnsignedInt(b.getShort()), Short.toUnsignedInt(b.getShort()),
                    Short.toUnsignedInt(b.getShort()));
        }
        return count;
    }
}
