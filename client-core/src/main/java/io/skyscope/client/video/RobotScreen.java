package io.skyscope.client.video;

import dev.onvoid.webrtc.media.FourCC;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoBufferConverter;
import java.awt.AWTException;
import java.awt.GraphicsDevice;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A screen share of one whole screen, captured with {@link java.awt.Robot} (webrtc-java's own
 * screen capture crashes the JVM where there is no full desktop, so it is not used), scaled to fit
 * {@value #MAX_WIDTH} × {@value #MAX_HEIGHT} and converted to I420, {@value #FPS} frames a second.
 *
 * <p>Threads: {@link #capture} on the engine's capture thread; {@link #screens} from any thread.
 */
public final class RobotScreen implements ScreenSource {
    static final int MAX_WIDTH = 1280;
    static final int MAX_HEIGHT = 720;
    static final int FPS = 8;

    private final String name;
    private final Rectangle bounds;
    private final Robot robot;
    private BufferedImage scaled;
    private ByteBuffer argb;

    private RobotScreen(String name, GraphicsDevice device) {
        this.name = name;
        this.bounds = device.getDefaultConfiguration().getBounds();
        try {
            this.robot = new Robot(device);
        } catch (AWTException | SecurityException e) {
            throw new VideoCaptureException("cannot capture " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The screens of this display, the primary one first.
     *
     * @throws VideoCaptureException if there is no display (a headless machine, or no DISPLAY)
     */
    public static List<RobotScreen> screens() {
        if (GraphicsEnvironment.isHeadless()) {
            throw new VideoCaptureException("there is no display to share (headless, or no DISPLAY set)");
        }
        var environment = GraphicsEnvironment.getLocalGraphicsEnvironment();
        GraphicsDevice primary = environment.getDefaultScreenDevice();
        List<RobotScreen> screens = new ArrayList<>();
        int n = 1;
        for (GraphicsDevice device : environment.getScreenDevices()) {
            Rectangle b = device.getDefaultConfiguration().getBounds();
            var screen = new RobotScreen("Screen " + n++ + " (" + b.width + "×" + b.height + ")", device);
            if (device == primary) {
                screens.addFirst(screen);
            } else {
                screens.add(screen);
            }
        }
        return screens;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int framesPerSecond() {
        return FPS;
    }

    @Override
    public NativeI420Buffer capture() {
        BufferedImage shot;
        try {
            shot = robot.createScreenCapture(bounds);
        } catch (RuntimeException e) {
            throw new VideoCaptureException("cannot capture " + name + ": " + e.getMessage(), e);
        }
        double scale = Math.min(1, Math.min((double) MAX_WIDTH / shot.getWidth(), (double) MAX_HEIGHT / shot.getHeight()));
        int w = Math.max(2, (int) (shot.getWidth() * scale) & ~1);
        int h = Math.max(2, (int) (shot.getHeight() * scale) & ~1);
        if (scaled == null || scaled.getWidth() != w || scaled.getHeight() != h) {
            scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            argb = ByteBuffer.allocate(w * h * 4).order(ByteOrder.LITTLE_ENDIAN);
        }
        var g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(shot, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        // An int 0x00RRGGBB stored little-endian is B,G,R,x: libyuv's "ARGB".
        int[] pixels = ((DataBufferInt) scaled.getRaster().getDataBuffer()).getData();
        argb.clear();
        argb.asIntBuffer().put(pixels);
        NativeI420Buffer buffer = NativeI420Buffer.allocate(w, h);
        try {
            VideoBufferConverter.convertToI420(argb.array(), buffer, FourCC.ARGB);
        } catch (Exception e) {
            buffer.release();
            throw new VideoCaptureException("cannot convert " + name + "'s picture: " + e.getMessage(), e);
        }
        return buffer;
    }
}
