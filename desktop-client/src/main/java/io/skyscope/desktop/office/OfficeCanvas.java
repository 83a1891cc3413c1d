package io.skyscope.desktop.office;

import io.skyscope.client.video.VideoKind;
import io.skyscope.desktop.render.Camera;
import io.skyscope.desktop.render.OfficeRenderer;
import io.skyscope.desktop.render.RenderFrame;
import io.skyscope.desktop.video.VideoTile;
import java.util.EnumSet;
import java.util.Set;
import javafx.animation.AnimationTimer;
import javafx.scene.canvas.Canvas;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;

/**
 * The office drawn on a resizable canvas by an {@link AnimationTimer}: each pulse calls
 * {@link #step(double)}, which advances the model and draws the frame it returns. Arrow keys and
 * WASD walk, a click walks to the spot around walls (a click on a video bubble shows it large, on
 * someone their profile card), a right click on someone's avatar opens their menu (wave, knock,
 * message, follow), on a desk the desk's (claim, free, leave a note), the wheel (or +/-) zooms.
 *
 * <p>Threads: FX thread only.
 */
public final class OfficeCanvas extends Region {
    private enum Dir { LEFT, RIGHT, UP, DOWN }

    private final Canvas canvas = new Canvas();
    private final OfficeModel model;
    private final OfficeRenderer renderer;
    private final Set<Dir> held = EnumSet.noneOf(Dir.class);
    private final AnimationTimer timer;
    private long lastNanos = -1;
    private Runnable afterFrame = () -> { };

    public OfficeCanvas(OfficeModel model, OfficeRenderer renderer) {
        this.model = model;
        this.renderer = renderer;
        getChildren().add(canvas);
        setFocusTraversable(true);
        getStyleClass().add("office-canvas");
        setMinSize(200, 150);
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                double dt = lastNanos < 0 ? 1 / 60.0 : (now - lastNanos) / 1e9;
                lastNanos = now;
                step(dt);
            }
        };
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        addEventHandler(KeyEvent.KEY_RELEASED, this::keyReleased);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::clicked);
        addEventHandler(ScrollEvent.SCROLL, e -> {
            model.setZoom(model.zoomProperty().get() * (e.getDeltaY() > 0 ? 1.1 : 1 / 1.1));
            e.consume();
        });
        focusedProperty().addListener((obs, was, is) -> {
            if (!is) {
                held.clear();
                pushKeys();
            }
        });
    }

    public void start() {
        lastNanos = -1;
        timer.start();
    }

    public void stop() {
        timer.stop();
    }

    /** Advances the office by {@code dt} seconds and draws it; tests call this directly. */
    public RenderFrame step(double dt) {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        model.simulation().viewport(w, h);
        RenderFrame frame = model.advance(dt);
        if (w > 0 && h > 0) {
            renderer.render(canvas.getGraphicsContext2D(), w, h, frame);
        }
        afterFrame.run();
        return frame;
    }

    /** The user id whose video bubble the last frame drew at a point of the canvas, or null. */
    public String bubbleAt(double x, double y) {
        return renderer.bubbleAt(x, y);
    }

    /** Runs after each frame is drawn: other views that show pictures (video) update with the map. */
    public void afterFrame(Runnable action) {
        afterFrame = action;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(Math.max(1, getWidth()));
        canvas.setHeight(Math.max(1, getHeight()));
    }

    private void keyPressed(KeyEvent e) {
        Dir d = dir(e.getCode());
        if (d != null) {
            held.add(d);
            pushKeys();
            e.consume();
        } else if (e.getCode() == KeyCode.PLUS || e.getCode() == KeyCode.EQUALS || e.getCode() == KeyCode.ADD) {
            model.zoomIn();
            e.consume();
        } else if (e.getCode() == KeyCode.MINUS || e.getCode() == KeyCode.SUBTRACT) {
            model.zoomOut();
            e.consume();
        } else {
            model.activity();
        }
    }

    private void keyReleased(KeyEvent e) {
        Dir d = dir(e.getCode());
        if (d != null) {
            held.remove(d);
            pushKeys();
            e.consume();
        }
    }

    private void pushKeys() {
        int dx = (held.contains(Dir.RIGHT) ? 1 : 0) - (held.contains(Dir.LEFT) ? 1 : 0);
        int dy = (held.contains(Dir.DOWN) ? 1 : 0) - (held.contains(Dir.UP) ? 1 : 0);
        model.keys(dx, dy);
    }

    private void clicked(MouseEvent e) {
        requestFocus();
        if (e.getButton() != MouseButton.PRIMARY) {
            model.activity();
            if (e.getButton() == MouseButton.SECONDARY) {
                if (!AvatarMenu.show(this, model, e)) {
                    DeskMenu.show(this, model, e);
                }
            }
            return;
        }
        String bubble = renderer.bubbleAt(e.getX(), e.getY());
        if (bubble != null) {
            model.voice().video().enlarge(new VideoTile.Key(bubble, VideoKind.CAMERA));
            return;
        }
        Camera cam = model.simulation().camera();
        double mapX = cam.mapX(e.getX(), canvas.getWidth());
        double mapY = cam.mapY(e.getY(), canvas.getHeight());
        String person = model.personAt(mapX, mapY);
        if (person != null) {
            model.profiles().card().show(person);
            return;
        }
        model.walkTo(mapX, mapY);
    }

    private static Dir dir(KeyCode code) {
        return switch (code) {
            case LEFT, A, KP_LEFT -> Dir.LEFT;
            case RIGHT, D, KP_RIGHT -> Dir.RIGHT;
            case UP, W, KP_UP -> Dir.UP;
            case DOWN, S, KP_DOWN -> Dir.DOWN;
            default -> null;
        };
    }
}
