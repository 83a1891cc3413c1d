package io.skyscope.bench.load;

import java.nio.ByteBuffer;

/**
 * The compact presence encoding a client asks for with {@code presence=binary} on the WebSocket
 * upgrade: positions in binary frames, big-endian. Byte 0 is the kind (0x01, positions), bytes 1-2
 * an unsigned 16-bit count, then count entries of 6 bytes: the person's number in the space, x and
 * y in whole pixels, each unsigned 16-bit. A frame never carries its receiver.
 */
final class PositionFrame {
    static final int KIND_POSITIONS = 0x01;
    static final int ENTRY_BYTES = 6;

    /** Receives one entry of a frame. */
    interface Sink {
        void position(int number, int x, int y);
    }

    private PositionFrame() {
    }

    /**
     * Hands every entry of one whole frame (from its position to its limit) to {@code sink}, in
     * order, and returns the count.
     *
     * @throws IllegalArgumentException if the kind is unknown or the length does not match the count
     */
    static int decode(ByteBuffer frame, Sink sink) {
        if (frame.remaining() < 3) {
            throw new IllegalArgumentException("a position frame has at least 3 bytes, got " + frame.remaining());
        }
        int at = frame.position();
        int kind = frame.get(at) & 0xFF;
        if (kind != KIND_POSITIONS) {
            throw new IllegalArgumentException("unknown frame kind " + kind);
        }
        int count = frame.getShort(at + 1) & 0xFFFF;
        if (frame.remaining() != 3 + count * ENTRY_BYTES) {
            throw new IllegalArgumentException("a frame of " + count + " positions has " + (3 + count * ENTRY_BYTES)
                    + " bytes, got " + frame.remaining());
        }
        for (int i = 0, e = at + 3; i < count; i++, e += ENTRY_BYTES) {
            sink.position(frame.getShort(e) & 0xFFFF, frame.getShort(e + 2) & 0xFFFF, frame.getShort(e + 4) & 0xFFFF);
        }
        return count;
    }
}
