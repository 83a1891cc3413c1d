package io.skyscope.server.profile;

import io.skyscope.server.Refused;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns an uploaded photo into the square PNGs clients draw ({@link #SIZES}): checks bytes and
 * declared pixels before decoding (see {@link PhotoHeader}), decodes with ImageIO, crops the
 * centre square and scales it down in halving steps (a single big step looks jagged).
 *
 * <p>Pure apart from CPU and memory: bytes in, PNGs out. Thread-safe; the caller bounds how many
 * run at once, since one decode may take {@code 4 × MAX_PIXELS} bytes.
 */
public final class PhotoProcessor {
    /** The sizes, in pixels, a photo is served in. */
    public static final List<Integer> SIZES = List.of(32, 64, 128);
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    public static final int MAX_SIDE = 6000;
    public static final long MAX_PIXELS = 16_000_000;

    /** The processed photo: its version (a hash of the largest size) and a PNG per size. */
    public record Processed(String version, Map<Integer, byte[]> pngBySize) {
    }

    /**
     * @throws Refused 413 {@code too_large} on {@code photo} for too many bytes or pixels;
     *     400 on {@code photo} for anything that is not a PNG or JPEG we can decode
     */
    public Processed process(byte[] upload) {
        if (upload.length > MAX_BYTES) {
            throw tooManyBytes();
        }
        PhotoHeader header = PhotoHeader.read(upload);
        if (header.width() < 1 || header.height() < 1) {
            throw PhotoHeader.notAnImage();
        }
        if (header.width() > MAX_SIDE || header.height() > MAX_SIDE || header.pixels() > MAX_PIXELS) {
            throw Refused.tooLarge("photo", "The photo is " + header.width() + "×" + header.height()
                    + " pixels; at most " + MAX_SIDE + " a side and " + MAX_PIXELS / 1_000_000 + " million in all");
        }
        BufferedImage image = decode(upload, header);
        int side = Math.min(image.getWidth(), image.getHeight());
        BufferedImage square = image.getSubimage((image.getWidth() - side) / 2, (image.getHeight() - side) / 2, side,
                side);
        Map<Integer, byte[]> out = new LinkedHashMap<>();
        BufferedImage current = square;
        for (int size : SIZES.reversed()) {
            current = scaleTo(current, size);
            out.put(size, png(current));
        }
        return new Processed(version(out.get(SIZES.getLast())), out);
    }

    /** Decodes, checking again what the decoder itself reads as the size (it must match the header). */
    private static BufferedImage decode(byte[] upload, PhotoHeader header) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(header.format());
            if (!readers.hasNext()) {
                throw PhotoHeader.notAnImage();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if (reader.getWidth(0) != header.width() || reader.getHeight(0) != header.height()) {
                    throw PhotoHeader.notAnImage();
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof Refused r) {
                throw r;
            }
            throw Refused.badRequest("photo", "The photo could not be read as a " + header.format().toUpperCase()
                    + " image");
        }
    }

    private static BufferedImage scaleTo(BufferedImage source, int size) {
        BufferedImage current = source;
        int w = current.getWidth();
        do {
            w = Math.max(size, w / 2);
            BufferedImage next = new BufferedImage(w, w, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = next.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(current, 0, 0, w, w, null);
            } finally {
                g.dispose();
            }
            current = next;
        } while (w > size);
        return current;
    }

    private static byte[] png(BufferedImage image) {
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String version(byte[] png) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Refused tooManyBytes() {
        return Refused.tooLarge("photo", "The photo is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
    }
}
