package io.skyscope.desktop.render;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.ArcType;

/**
 * Draws a top-down office worker with vector shapes: a shadow, legs, a shirt, arms and a head
 * whose face and hair turn with {@link Facing}. Sized for a box {@value #WIDTH}×{@value #HEIGHT}
 * with the feet at the bottom centre. Used by {@link SpriteCache} to bake sprites once.
 */
public final class AvatarPainter {
    public static final double WIDTH = 28;
    public static final double HEIGHT = 40;

    private AvatarPainter() {
    }

    /** Paints at (0,0)-(WIDTH,HEIGHT); {@code step} is -1, 0 or 1 for the walk pose. */
    public static void paint(GraphicsContext g, AvatarLook look, Facing facing, int step) {
        double cx = WIDTH / 2;
        // shadow
        g.setFill(Color.rgb(0, 0, 0, 0.28));
        g.fillOval(cx - 10, HEIGHT - 7, 20, 6);
        // legs
        g.setFill(look.trousers());
        double legShift = step * 2.0;
        g.fillRoundRect(cx - 6, 26 + Math.max(0, legShift), 5, 11 - Math.abs(legShift), 2, 2);
        g.fillRoundRect(cx + 1, 26 + Math.max(0, -legShift), 5, 11 - Math.abs(legShift), 2, 2);
        // shoes
        g.setFill(Color.web("#111827"));
        g.fillRoundRect(cx - 6.5, 35 - Math.abs(legShift) / 2 + Math.max(0, legShift), 6, 3, 2, 2);
        g.fillRoundRect(cx + 0.5, 35 - Math.abs(legShift) / 2 + Math.max(0, -legShift), 6, 3, 2, 2);
        // arms
        g.setFill(look.shirt().darker());
        g.fillRoundRect(cx - 11, 16 - step, 4, 11, 3, 3);
        g.fillRoundRect(cx + 7, 16 + step, 4, 11, 3, 3);
        g.setFill(look.skin());
        g.fillOval(cx - 11, 25 - step, 4, 4);
        g.fillOval(cx + 7, 25 + step, 4, 4);
        // body
        g.setFill(look.shirt());
        g.fillRoundRect(cx - 8, 15, 16, 14, 7, 7);
        g.setFill(look.shirt().brighter());
        g.fillRoundRect(cx - 6, 16, 5, 3, 2, 2);
        // head
        g.setFill(look.skin());
        g.fillOval(cx - 8, 1, 16, 16);
        paintHairAndFace(g, look, facing, cx);
        g.setStroke(Color.rgb(0, 0, 0, 0.35));
        g.setLineWidth(1);
        g.strokeOval(cx - 8, 1, 16, 16);
    }

    private static void paintHairAndFace(GraphicsContext g, AvatarLook look, Facing facing, double cx) {
        g.setFill(look.hair());
        switch (facing) {
            case DOWN -> {
                g.fillArc(cx - 8.5, 0.5, 17, 14, 0, 180, ArcType.CHORD);
                if (look.longHair()) {
                    g.fillRoundRect(cx - 9, 6, 4, 11, 3, 3);
                    g.fillRoundRect(cx + 5, 6, 4, 11, 3, 3);
                }
                eyes(g, cx - 3.5, cx + 3.5, 10);
            }
            case UP -> {
                g.fillOval(cx - 8.5, 0.5, 17, 16);
                if (look.longHair()) {
                    g.fillRoundRect(cx - 8, 10, 16, 8, 4, 4);
                }
            }
            case LEFT -> {
                g.fillArc(cx - 8.5, 0.5, 17, 15, 0, 180, ArcType.CHORD);
                g.fillRoundRect(cx + 1, 4, 7.5, 9, 4, 4);
                if (look.longHair()) {
                    g.fillRoundRect(cx + 2, 8, 6, 10, 3, 3);
                }
                eyes(g, cx - 5, Double.NaN, 10);
            }
            case RIGHT -> {
                g.fillArc(cx - 8.5, 0.5, 17, 15, 0, 180, ArcType.CHORD);
                g.fillRoundRect(cx - 8.5, 4, 7.5, 9, 4, 4);
                if (look.longHair()) {
                    g.fillRoundRect(cx - 8, 8, 6, 10, 3, 3);
                }
                eyes(g, Double.NaN, cx + 5, 10);
            }
        }
    }

    private static void eyes(GraphicsContext g, double leftX, double rightX, double y) {
        g.setFill(Color.web("#1f2937"));
        if (!Double.isNaN(leftX)) {
            g.fillOval(leftX - 1.2, y - 1.2, 2.4, 2.6);
        }
        if (!Double.isNaN(rightX)) {
            g.fillOval(rightX - 1.2, y - 1.2, 2.4, 2.6);
        }
    }
}
