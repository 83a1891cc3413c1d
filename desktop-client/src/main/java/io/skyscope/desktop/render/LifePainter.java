package io.skyscope.desktop.render;

import io.skyscope.desktop.map.Area;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.ArcType;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * Draws office life over the map, in map coordinates: a locked meeting room gets a red edge, a
 * faint red wash and a padlock; a held desk a name plate with its holder's photo; a reaction is an
 * emoji in a speech bubble above the avatar's name tag. Holds only measured text widths.
 *
 * <p>Threads: FX thread only.
 */
final class LifePainter {
    private static final Color LOCK = Color.web("#dc2626");
    private static final Font EMOJI = Font.font(20);
    private static final Font PLATE_FONT = Font.font("System", FontWeight.BOLD, 10);
    private static final Font INITIALS_FONT = Font.font("System", FontWeight.BOLD, 8);
    /** Plate text widths by name, measured once (FX thread only). */
    private static final java.util.Map<String, Double> PLATE_WIDTHS = new java.util.HashMap<>();
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

    /**
     * Name plates on held desks: the holder's photo (or initials) and name on a card over the
     * desk's top edge; mine in the accent colour.
     */
    static void plates(GraphicsContext g, List<DeskPlate> plates, double left, double top, double right, double bottom) {
        if (plates.isEmpty()) {
            return;
        }
        g.setFont(PLATE_FONT);
        g.setTextBaseline(VPos.CENTER);
        for (DeskPlate p : plates) {
            // Desks stand side by side: every other one has its plate on its far edge, so
            // neighbours' plates do not cover each other.
            double cx = p.x() + p.width() / 2;
            boolean odd = Math.floorMod((long) Math.floor(p.x() / Math.max(32, p.width())), 2) == 1;
            double cy = odd ? p.y() + p.height() - 2 : p.y() + 2;
            String name = firstName(p.holderName());
            if (cx < left - 100 || cx > right + 100 || cy < top - 20 || cy > bottom + 20) {
                continue;
            }
            double textWidth = PLATE_WIDTHS.computeIfAbsent(name, LifePainter::measure);
            double w = 20 + 4 + textWidth + 8;
            double h = 20;
            double x0 = cx - w / 2;
            double y0 = cy - h / 2;
            g.setFill(p.mine() ? Color.web("#1d4ed8", 0.92) : Color.rgb(15, 23, 42, 0.85));
            g.fillRoundRect(x0, y0, w, h, 10, 10);
            if (p.photo() != null) {
                g.save();
                g.beginPath();
                g.arc(x0 + 10, cy, 8, 8, 0, 360);
                g.closePath();
                g.clip();
                g.drawImage(p.photo(), x0 + 2, cy - 8, 16, 16);
                g.restore();
            } else {
                g.setFill(Color.web("#64748b"));
                g.fillOval(x0 + 2, cy - 8, 16, 16);
                g.setFill(Color.WHITE);
                g.setFont(INITIALS_FONT);
                g.setTextAlign(TextAlignment.CENTER);
                g.fillText(initials(p.holderName()), x0 + 10, cy);
                g.setFont(PLATE_FONT);
            }
            g.setFill(Color.WHITE);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(name, x0 + 24, cy);
        }
    }

    /** The first word of a name: a plate has room for little more. */
    static String firstName(String name) {
        String[] words = name.strip().split("\\s+", 2);
        return words[0].isEmpty() ? name : words[0];
    }

    static String initials(String name) {
        StringBuilder b = new StringBuilder();
        for (String part : name.strip().split("\\s+")) {
            if (!part.isEmpty() && b.length() < 2) {
                b.appendCodePoint(part.codePointAt(0));
            }
        }
        return b.toString().toUpperCase(java.util.Locale.ROOT);
    }

    private static double measure(String text) {
        Text t = new Text(text);
        t.setFont(PLATE_FONT);
        return t.getLayoutBounds().getWidth();
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
