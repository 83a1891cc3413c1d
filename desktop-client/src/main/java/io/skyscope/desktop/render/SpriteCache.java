package io.skyscope.desktop.render;

import io.skyscope.protocol.Status;
import java.util.HashMap;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * Avatar sprites and name tags baked into images once (at {@value #SCALE}× so they stay sharp when
 * zoomed in) and then drawn with one {@code drawImage} each per frame.
 *
 * <p>Threads: FX thread only (it snapshots a Canvas).
 */
public final class SpriteCache {
    public static final int SCALE = 2;
    private static final Font NAME_FONT = Font.font("System", FontWeight.BOLD, 11 * SCALE);
    private static final int MAX_NAME_TAGS = 4000;

    private final Map<String, Image> sprites = new HashMap<>();
    private final Map<String, Image> nameTags = new HashMap<>();
    private final Canvas scratch = new Canvas(1, 1);
    private final SnapshotParameters transparent = new SnapshotParameters();

    public SpriteCache() {
        transparent.setFill(Color.TRANSPARENT);
    }

    /** The sprite of a look facing a way in a walk pose (-1, 0 or 1). */
    public Image sprite(String avatarKey, Facing facing, int step) {
        String key = avatarKey + '|' + facing + '|' + step;
        return sprites.computeIfAbsent(key, k -> {
            Canvas c = resize(AvatarPainter.WIDTH * SCALE, AvatarPainter.HEIGHT * SCALE);
            GraphicsContext g = c.getGraphicsContext2D();
            g.save();
            g.scale(SCALE, SCALE);
            AvatarPainter.paint(g, AvatarLook.of(avatarKey), facing, step);
            g.restore();
            return c.snapshot(transparent, null);
        });
    }

    /** A dark rounded label with the name in white, room on the left for the status dot. */
    public Image nameTag(String name, boolean me) {
        if (nameTags.size() > MAX_NAME_TAGS) {
            nameTags.clear();
        }
        return nameTags.computeIfAbsent((me ? "*" : "") + name, k -> {
            Text probe = new Text(name);
            probe.setFont(NAME_FONT);
            double textW = Math.ceil(probe.getLayoutBounds().getWidth());
            double h = 17 * SCALE;
            double dot = 12 * SCALE;
            double w = textW + dot + 8 * SCALE;
            Canvas c = resize(w, h);
            GraphicsContext g = c.getGraphicsContext2D();
            g.setFill(me ? Color.rgb(37, 99, 235, 0.92) : Color.rgb(17, 24, 39, 0.78));
            g.fillRoundRect(0, 0, w, h, h, h);
            g.setFill(Color.WHITE);
            g.setFont(NAME_FONT);
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(name, dot + 2 * SCALE, h / 2 + SCALE * 0.5);
            return c.snapshot(transparent, null);
        });
    }

    /** Where, in a name tag image (unscaled px), the status dot's centre goes. */
    public static double statusDotX() {
        return 7.5;
    }

    public static Color statusColor(Status status) {
        return switch (status == null ? Status.AVAILABLE : status) {
            case AVAILABLE -> Color.web("#22c55e");
            case BUSY -> Color.web("#f59e0b");
            case AWAY -> Color.web("#9ca3af");
            case DND -> Color.web("#ef4444");
        };
    }

    private Canvas resize(double w, double h) {
        scratch.setWidth(Math.ceil(w));
        scratch.setHeight(Math.ceil(h));
        scratch.getGraphicsContext2D().clearRect(0, 0, scratch.getWidth(), scratch.getHeight());
        return scratch;
    }
}
