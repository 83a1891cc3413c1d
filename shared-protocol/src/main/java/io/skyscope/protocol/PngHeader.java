package io.skyscope.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The size a PNG declares in its header (the IHDR chunk, which must come first), read without
 * decoding anything: a few bytes can declare a picture that would take gigabytes to decode, so
 * both the server (on upload) and the client (before decoding a tileset) look here first.
 *
 * @param width  pixels, as declared
 * @param height pixels, as declared
 */
public record PngHeader(long width, long height) {
    /** Largest tileset image file accepted, in bytes. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    /** Widest or tallest tileset image accepted, in pixels. */
    public static final int MAX_SIDE = 8192;
    /** Most pixels of one tileset image (4096 × 4096: 64 MiB once decoded to 32-bit pixels). */
    public static final long MAX_PIXELS = 4096L * 4096L;

    private static final byte[] MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] IHDR = "IHDR".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_BYTES = 24;

    /**
     * Reads the declared size.
     *
     * @throws IllegalArgumentException if the bytes do not start like a PNG file
     */
    public static PngHeader read(byte[] png) {
        if (png.length < HEADER_BYTES || !Arrays.equals(png, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
                || !Arrays.equals(png, 12, 16, IHDR, 0, IHDR.length)) {
            throw new IllegalArgumentException("not a PNG file");
        }
        ByteBuffer header = ByteBuffer.wrap(png, 16, 8);
        return new PngHeader(Integer.toUnsignedLong(header.getInt()), Integer.toUnsignedLong(header.getInt()));
    }

    /** Whether a picture this size may be decoded: 1 to {@link #MAX_SIDE} each way, {@link #MAX_PIXELS} in all. */
    public boolean sane() {
        return width >= 1 && height >= 1 && width <= MAX_SIDE && height <= MAX_SIDE && width * height <= MAX_PIXELS;
    }

    /** Why a picture this size is refused, for an error message. */
    public String problem() {
        return "it declares " + width + " × " + height + " pixels; the limit is " + MAX_SIDE + " each way and "
                + MAX_PIXELS + " in all";
    }
}
