package io.skyscope.server.profile;

import io.skyscope.server.Refused;

/**
 * The format and pixel size an image declares, read from its first bytes without decoding, so
 * that an image too big to decode safely (a "decompression bomb": a few kilobytes that inflate to
 * gigabytes) is refused before any pixel memory is allocated. PNG: the IHDR chunk; JPEG: the first
 * start-of-frame marker.
 */
record PhotoHeader(String format, int width, int height) {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** @throws Refused 400 on {@code photo} when the bytes are not a PNG or JPEG we can read */
    static PhotoHeader read(byte[] b) {
        if (startsWith(b, PNG)) {
            if (b.length < 24 || !(b[12] == 'I' && b[13] == 'H' && b[14] == 'D' && b[15] == 'R')) {
                throw notAnImage();
            }
            return new PhotoHeader("png", int32(b, 16), int32(b, 20));
        }
        if (b.length > 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8) {
            return jpeg(b);
        }
        throw notAnImage();
    }

    /** Walks the JPEG segments up to the first SOFn (baseline, progressive, lossless, arithmetic). */
    private static PhotoHeader jpeg(byte[] b) {
        int i = 2;
        while (i + 9 < b.length) {
            if ((b[i] & 0xff) != 0xff) {
                throw notAnImage();
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xff) {
                i++;
                continue;
            }
            int length = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
            boolean sof = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (sof) {
                int height = ((b[i + 5] & 0xff) << 8) | (b[i + 6] & 0xff);
                int width = ((b[i + 7] & 0xff) << 8) | (b[i + 8] & 0xff);
                return new PhotoHeader("jpeg", width, height);
            }
            if (length < 2) {
                throw notAnImage();
            }
            i += 2 + length;
        }
        throw notAnImage();
    }

    long pixels() {
        return (long) width * height;
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int int32(byte[] b, int at) {
        long v = ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xffL) << 16) | ((b[at + 2] & 0xffL) << 8) | (b[at + 3] & 0xffL);
        return (int) Math.min(v, Integer.MAX_VALUE);
    }

    static Refused notAnImage() {
        return Refused.badRequest("photo", "The photo must be a PNG or JPEG image");
    }
}
