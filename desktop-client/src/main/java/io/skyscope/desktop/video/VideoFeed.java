package io.skyscope.desktop.video;

import java.nio.ByteBuffer;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * The latest picture of one video stream (someone's camera or screen, or my own camera), handed
 * from the thread that decodes it to the FX thread that shows it.
 *
 * <p>Three buffers, so neither side waits on the other: the producer converts each frame into a
 * buffer of its own without a lock, then swaps it into the {@code latest} slot under a lock held
 * for a pointer swap; the FX thread swaps a newer {@code latest} out for its own buffer and copies
 * it into the {@link PixelBuffer} behind the image inside {@link PixelBuffer#updateBuffer}, on the
 * FX thread as JavaFX requires (a 640×360 copy is a few tens of microseconds). A size change (a
 * screen share of another resolution) makes a new image.
 *
 * <p>Threads: {@link #publish} from one producer thread at a time (WebRTC's decoder thread);
 * {@link #image()} on the FX thread; {@link #frames()} and {@link #lastFrameNanos()} from any thread.
 */
public final class VideoFeed {
    /** Writes {@code width × height} pixels, four bytes each in the order B, G, R, A, from position 0. */
    @FunctionalInterface
    public interface Fill {
        void into(ByteBuffer bgra);
    }

    /** One frame's pixels and their size. */
    private record Picture(int width, int height, ByteBuffer bytes) {
        static Picture sized(Picture reuse, int width, int height) {
            if (reuse != null && reuse.width == width && reuse.height == height) {
                reuse.bytes.clear();
                return reuse;
            }
            return new Picture(width, height, ByteBuffer.allocateDirect(width * height * 4));
        }
    }

    private final Object lock = new Object();
    /** Producer thread only. */
    private Picture back;
    /** Guarded by lock. */
    private Picture latest;
    private long published;
    /** FX thread only. */
    private Picture front;
    private long shown;
    private PixelBuffer<ByteBuffer> pixels;
    private WritableImage image;
    private volatile long frames;
    private volatile long lastFrameNanos;

    /**
     * Takes a frame: {@code fill} writes its pixels. Called on the producer's thread; the frame
     * need not outlive the call.
     */
    public void publish(int width, int height, Fill fill) {
        if (width <= 0 || height <= 0) {
            return;
        }
        Picture p = Picture.sized(back, width, height);
        fill.into(p.bytes);
        p.bytes.clear();
        synchronized (lock) {
            back = latest;
            latest = p;
            published++;
        }
        lastFrameNanos = System.nanoTime();
        frames++;
    }

    /**
     * The newest picture as an image, or null before the first frame. FX thread; calling it again
     * before a new frame arrives returns the same image without copying.
     */
    public WritableImage image() {
        synchronized (lock) {
            if (published != shown) {
                Picture fresh = latest;
                latest = front;
                front = fresh;
                shown = published;
            } else {
                return image;
            }
        }
        Picture p = front;
        if (image == null || pixels.getWidth() != p.width || pixels.getHeight() != p.height) {
            pixels = new PixelBuffer<>(p.width, p.height, ByteBuffer.allocateDirect(p.width * p.height * 4),
                    PixelFormat.getByteBgraPreInstance());
            image = new WritableImage(pixels);
        }
        pixels.updateBuffer(b -> {
            ByteBuffer target = b.getBuffer();
            target.clear();
            target.put(p.bytes.duplicate().clear());
            target.clear();
            return null;
        });
        return image;
    }

    /** How many frames arrived so far. */
    public long frames() {
        return frames;
    }

    /** {@link System#nanoTime()} of the latest frame, or 0 before the first. */
    public long lastFrameNanos() {
        return lastFrameNanos;
    }
}
