package io.skyscope.desktop.render;

import io.skyscope.desktop.map.Area;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.ArcType;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Draws office life over the map, in map coordinates: a locked meeting room gets a red edge, a
 * faint red wash and a padlock over its door side; a reaction is an emoji in a speech bubble above
 * the avatar's name tag. Holds no state.
 *
 * <p>Threads: FX thread only.
 */
final class LifePainter {
    private static final Color LOCK = Color.web("#dc2626");
    private static final Font EMOJI = Font.font(20);
    /** How far above the feet a reaction bubble's bottom sits: over the head and the name tag. */
    private static final double BUBBLE_LIFT = AvatarPainter.HEIGHT + 22;

    private LifePainter() {
    }

    /** The locked rooms, drawn under the avatars. */
    static void lockedRooms(GraphicsContext g, List<Area> rooms) {
        for (Area a : rooms) {
            g.setFill(Color.rgb(220, 38, 38, 0.10));
            g.fillRect(a.x(), a.y(), a.width(), a.height());
            g.setStroke(LOCK);
            g.setLineWidth(4);
            g.setLineDashes(14, 8);
            g.strokeRect(a.x() + 2, a.y() + 2, a.width() - 4, a.height() - 4);
            g.setLineDashes();
            padlock(g, a.x() + a.width() - 22, a.y() + 24);
        }
    }

    /** A padlock centred on (x, y), about 24 px tall, on a white disc. */
    private static void padlock(GraphicsContext g, double x, double y) {
        g.setFill(Color.WHITE);
        g.fillOval(x - 16, y - 16, 32, 32);
        g.setStroke(LOCK);
        g.setLineWidth(2);
        g.strokeOval(x - 16, y - 16, 32, 32);
        g.setLineWidth(3);
        g.strokeArc(x - 6, y - 12, 12, 14, 0, 180, ArcType.OPEN);
        g.strokeLine(x - 6, y - 5, x - 6, y - 2);
        g.strokeLine(x + 6, y - 5, x + 6, y - 2);
        g.setFill(LOCK);
        g.fillRoundRect(x - 9, y - 3, 18, 13, 4, 4);
        g.setFill(Color.WHITE);
        g.fillOval(x - 2, y + 1, 4, 4);
    }

    /** Reaction bubbles above the avatars that show one, drawn over everything on the map. */
    static void reactions(GraphicsContext g, List<AvatarView> avatars, java.util.Map<String, String> reactions) {
        if (reactions.isEmpty()) {
            return;
        }
        g.setFont(EMOJI);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (AvatarView a : avatars) {
            String glyph = reactions.get(a.userId());
            if (glyph == null) {
                continue;
            }
            double cx = a.x();
            double bottom = a.y() - BUBBLE_LIFT;
            double w = 34;
            double h = 30;
            g.setFill(Color.rgb(0, 0, 0, 0.18));
            g.fillRoundRect(cx - w / 2 + 1.5, bottom - h + 2, w, h, 14, 14);
            g.setFill(Color.WHITE);
            g.fillRoundRect(cx - w / 2, bottom - h, w, h, 14, 14);
            g.fillPolygon(new double[] {cx - 5, cx + 5, cx}, new double[] {bottom - 1, bottom - 1, bottom + 6}, 3);
            g.setStroke(Color.web("#94a3b8"));
            g.setLineWidth(1);
            g.strokeRoundRect(cx - w / 2, bottom - h, w, h, 14, 14);
            g.setFill(Color.web("#111827"));
            g.fillText(glyph, cx, bottom - h / 2);
        }
    }
}
