package io.skyscope.client.video;

import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * A synthetic picture for clients without a camera or a screen (bots, tests, headless runs): a
 * moving pattern that carries a machine-readable {@link Stamp} in large black and white blocks.
 *
 * <p>The top of the frame is a grid of {@value #COLUMNS} × {@value #ROWS} blocks, each block a
 * {@value #COLUMNS}th of the frame's width, so the code scales with the picture and survives VP8
 * and the encoder's downscaling (a 320-pixel-wide frame still has 20-pixel blocks). The 112 bits
 * are, most significant first: a kind marker (8 bits), a frame counter (32), the capture time in
 * Unix milliseconds (48) and the low 24 bits of a CRC-32 of the first 11 bytes. Below the grid a
 * white block slides left to right and the colour drifts, so a person sees it move.
 *
 * <p>Threads: {@link #capture} on one capture thread; {@link #decode} from any thread.
 */
public final class TestPattern implements ScreenSource {
    /** Blocks across and down. */
    static final int COLUMNS = 16;
    static final int ROWS = 7;
    private static final int BITS = COLUMNS * ROWS;
    private static final int CAMERA_MARKER = 0xA5;
    private static final int SCREEN_MARKER = 0x3C;

    /**
     * What a frame of the pattern says.
     *
     * @param kind       camera or screen
     * @param counter    the frame's number from the pattern's start (wraps at 2^32)
     * @param wallMillis when it was drawn, Unix milliseconds
     */
    public record Stamp(VideoKind kind, long counter, long wallMillis) {
    }

    private final VideoKind kind;
    private final int width;
    private final int height;
    private final int fps;
    private final AtomicInteger counter = new AtomicInteger();

    /** A pattern of {@code width} × {@code height} (even, at least 64 wide), {@code fps} frames a second. */
    public TestPattern(VideoKind kind, int width, int height, int fps) {
        if (width < 64 || height < width * ROWS / COLUMNS + 8 || width % 2 != 0 || height % 2 != 0 || fps < 1) {
            throw new IllegalArgumentException("a test pattern needs an even size of at least 64 wide, with room "
                    + "below the code: " + width + "x" + height + " at " + fps + " fps");
        }
        this.kind = kind;
        this.width = width;
        this.height = height;
        this.fps = fps;
    }

    /** The synthetic camera: 640 × 360 at 15 frames a second. */
    public static TestPattern camera() {
        return new TestPattern(VideoKind.CAMERA, 640, 360, 15);
    }

    /** The synthetic screen share: 1280 × 720 at 5 frames a second. */
    public static TestPattern screen() {
        return new TestPattern(VideoKind.SCREEN, 1280, 720, 5);
    }

    @Override
    public String name() {
        return "Test pattern (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    @Override
    public int framesPerSecond() {
        return fps;
    }

    public VideoKind kind() {
        return kind;
    }

    /** Frames drawn so far. */
    public long frames() {
        return Integer.toUnsignedLong(counter.get());
    }

    @Override
    public NativeI420Buffer capture() {
        NativeI420Buffer buffer = NativeI420Buffer.allocate(width, height);
        try {
            draw(buffer, new Stamp(kind, Integer.toUnsignedLong(counter.getAndIncrement()), System.currentTimeMillis()));
        } catch (RuntimeException e) {
            buffer.release();
            throw e;
        }
        return buffer;
    }

    /** Draws {@code stamp} and the moving part into {@code buffer}. */
    static void draw(I420Buffer buffer, Stamp stamp) {
        int w = buffer.getWidth();
        int h = buffer.getHeight();
        boolean[] bits = encode(stamp);
        ByteBuffer y = buffer.getDataY();
        int strideY = buffer.getStrideY();
        int codeHeight = w * ROWS / COLUMNS;
        int slider = (int) (stamp.counter() * 8 % w);
        int sliderSize = Math.max(8, (h - codeHeight) / 2);
        byte[] row = new byte[w];
        for (int py = 0; py < h; py++) {
            if (py < codeHeight) {
                int r = py * ROWS / codeHeight;
                for (int px = 0; px < w; px++) {
                    row[px] = bits[r * COLUMNS + px * COLUMNS / w] ? (byte) 235 : (byte) 16;
                }
            } else {
                boolean band = py >= codeHeight + (h - codeHeight - sliderSize) / 2
                        && py < codeHeight + (h - codeHeight + sliderSize) / 2;
                for (int px = 0; px < w; px++) {
                    int dx = Math.floorMod(px - slider, w);
                    row[px] = band && dx < sliderSize ? (byte) 235 : (byte) 60;
                }
            }
            y.put(py * strideY, row, 0, w);
        }
        // Colour drifts below the code; the code's chroma stays neutral so only brightness carries bits.
        int cw = (w + 1) / 2;
        int ch = (h + 1) / 2;
        int codeRows = (codeHeight + 1) / 2;
        byte u = (byte) (128 + 60 * Math.sin(stamp.counter() / 20.0));
        byte v = (byte) (128 + 60 * Math.cos(stamp.counter() / 20.0));
        fillChroma(buffer.getDataU(), buffer.getStrideU(), cw, ch, codeRows, u);
        fillChroma(buffer.getDataV(), buffer.getStrideV(), cw, ch, codeRows, v);
    }

    private static void fillChroma(ByteBuffer plane, int stride, int cw, int ch, int codeRows, byte below) {
        byte[] neutral = new byte[cw];
        java.util.Arrays.fill(neutral, (byte) 128);
        byte[] coloured = new byte[cw];
        java.util.Arrays.fill(coloured, below);
        for (int r = 0; r < ch; r++) {
            plane.put(r * stride, r < codeRows ? neutral : coloured, 0, cw);
        }
    }

    /**
     * Reads the stamp of a frame of the pattern, at any size it was scaled to; null if the frame
     * is not one (wrong marker or checksum), for instance a frame still blurred by the encoder's
     * start. Call within the sink's {@code onFrame}.
     */
    public static Stamp decode(VideoFrame frame) {
        return decode(frame.buffer.toI420());
    }

    static Stamp decode(I420Buffer buffer) {
        int w = buffer.getWidth();
        int h = buffer.getHeight();
        if (w < COLUMNS * 4 || h < w * ROWS / COLUMNS) {
            return null;
        }
        ByteBuffer y = buffer.getDataY();
        int stride = buffer.getStrideY();
        double cell = (double) w / COLUMNS;
        double cellHeight = (double) (w * ROWS / COLUMNS) / ROWS;
        int half = Math.max(1, (int) (cell / 4));
        boolean[] bits = new boolean[BITS];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLUMNS; c++) {
                int cx = (int) ((c + 0.5) * cell);
                int cy = (int) ((r + 0.5) * cellHeight);
                long sum = 0;
                int n = 0;
                for (int py = cy - half; py <= cy + half; py++) {
                    for (int px = cx - half; px <= cx + half; px++) {
                        sum += y.get(py * stride + px) & 0xFF;
                        n++;
                    }
                }
                bits[r * COLUMNS + c] = sum / n > 125;
            }
        }
        return fromBits(bits);
    }

    static boolean[] encode(Stamp stamp) {
        byte[] bytes = new byte[BITS / 8];
        bytes[0] = (byte) (stamp.kind() == VideoKind.CAMERA ? CAMERA_MARKER : SCREEN_MARKER);
        putBits(bytes, 1, stamp.counter(), 4);
        putBits(bytes, 5, stamp.wallMillis(), 6);
        putBits(bytes, 11, checksum(bytes), 3);
        boolean[] bits = new boolean[BITS];
        for (int i = 0; i < BITS; i++) {
            bits[i] = (bytes[i / 8] >> (7 - i % 8) & 1) == 1;
        }
        return bits;
    }

    private static Stamp fromBits(boolean[] bits) {
        byte[] bytes = new byte[BITS / 8];
        for (int i = 0; i < BITS; i++) {
            if (bits[i]) {
                bytes[i / 8] |= (byte) (1 << (7 - i % 8));
            }
        }
        if (getBits(bytes, 11, 3) != checksum(bytes)) {
            return null;
        }
        VideoKind kind = switch (bytes[0] & 0xFF) {
            case CAMERA_MARKER -> VideoKind.CAMERA;
            case SCREEN_MARKER -> VideoKind.SCREEN;
            default -> null;
        };
        return kind == null ? null : new Stamp(kind, getBits(bytes, 1, 4), getBits(bytes, 5, 6));
    }

    private static long checksum(byte[] bytes) {
        var crc = new CRC32();
        crc.update(bytes, 0, 11);
        return crc.getValue() & 0xFFFFFF;
    }

    private static void putBits(byte[] bytes, int at, long value, int length) {
        for (int i = 0; i < length; i++) {
            bytes[at + i] = (byte) (value >>> (8 * (length - 1 - i)));
        }
    }

    private static long getBits(byte[] bytes, int at, int length) {
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = value << 8 | bytes[at + i] & 0xFF;
        }
        return value;
    }
}
