package io.skyscope.server.world.map;

import static io.skyscope.server.world.map.OfficeTile.SIZE;
import static io.skyscope.server.world.map.OfficeTilePainter.shade;
import static io.skyscope.server.world.map.OfficeTilePainter.vary;
import static io.skyscope.server.world.map.OfficeTilePainter.withAlpha;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/** Paints the furniture tiles of the default office: top-down, with a soft shadow and a front edge. */
final class FurniturePainter {
    static final Color SHADOW = new Color(0, 0, 0, 55);
    static final Color OUTLINE = new Color(0x2B2622);
    private static final Color DESK = new Color(0xE3CDA6);
    private static final Color CHAIR = new Color(0x3A4049);
    private static final Color SOFA = new Color(0x3F7F8C);
    private static final Color ARMCHAIR = new Color(0xC9973B);

    private FurniturePainter() {
    }

    static void paint(Graphics2D g, OfficeTile tile, Random random) {
        switch (tile) {
            case DESK_S, DESK_S_LAPTOP -> desk(g, false, tile == OfficeTile.DESK_S_LAPTOP);
            case DESK_N, DESK_N_LAPTOP -> desk(g, true, tile == OfficeTile.DESK_N_LAPTOP);
            case CHAIR_N -> rotated(g, 0, () -> chair(g));
            case CHAIR_E -> rotated(g, 1, () -> chair(g));
            case CHAIR_S -> rotated(g, 2, () -> chair(g));
            case CHAIR_W -> rotated(g, 3, () -> chair(g));
            case SOFA_S_L, SOFA_S_M, SOFA_S_R -> sofa(g, tile.ordinal() - OfficeTile.SOFA_S_L.ordinal(), false);
            case SOFA_N_L, SOFA_N_M, SOFA_N_R -> sofa(g, tile.ordinal() - OfficeTile.SOFA_N_L.ordinal(), true);
            case ARMCHAIR_E -> rotated(g, 3, () -> armchair(g));
            case ARMCHAIR_W -> rotated(g, 1, () -> armchair(g));
            case COFFEE_TABLE -> coffeeTable(g);
            case PLANT -> plant(g, random);
            case PLANT_TALL -> tallPlant(g, random);
            case BOOKSHELF -> bookshelf(g, random);
            case LECTERN, SPEAKER, WATER_COOLER, PRINTER -> Appliances.paint(g, tile, random);
            case COUNTER, COUNTER_SINK, COUNTER_COFFEE, COUNTER_STOVE, FRIDGE -> Appliances.paint(g, tile, random);
            default -> throw new IllegalArgumentException("not furniture: " + tile);
        }
    }

    /** Draws as if facing north, turned by {@code quarters} quarter turns clockwise. */
    private static void rotated(Graphics2D g, int quarters, Runnable draw) {
        AffineTransform saved = g.getTransform();
        g.rotate(quarters * Math.PI / 2, SIZE / 2.0, SIZE / 2.0);
        draw.run();
        g.setTransform(saved);
    }

    /**
     * A bench desk. Back-to-back rows meet at a privacy panel: a south-facing desk (its person sits
     * to the north) has the panel on its south edge and shows the back of its monitor; a
     * north-facing desk has the panel on its north edge and shows the screen.
     */
    private static void desk(Graphics2D g, boolean facingUser, boolean laptop) {
        int top = facingUser ? 0 : 4;
        int bottom = facingUser ? 26 : SIZE;
        g.setColor(SHADOW);
        g.fillRect(0, top + 2, SIZE, bottom - top);
        g.setPaint(new GradientPaint(0, top, DESK.brighter(), 0, bottom, DESK));
        g.fillRect(0, top, SIZE, bottom - top);
        g.setColor(shade(DESK, 0.8));
        g.drawLine(0, top, 0, bottom);
        if (facingUser) {
            g.setColor(shade(DESK, 0.62));
            g.fillRect(0, 26, SIZE, 4);
            g.setColor(new Color(0x9EA4AA));
            g.fillRect(0, 0, SIZE, 2);
        } else {
            g.setColor(shade(DESK, 0.75));
            g.drawLine(0, top, SIZE, top);
            g.setColor(new Color(0x9EA4AA));
            g.fillRect(0, SIZE - 2, SIZE, 2);
        }
        if (laptop && facingUser) {
            g.setColor(new Color(0x2A2D33));
            g.fillRoundRect(8, 5, 16, 10, 2, 2);
            g.setPaint(new GradientPaint(0, 6, new Color(0x6FA8DC), 0, 14, new Color(0x3B6EA5)));
            g.fillRect(9, 6, 14, 8);
            g.setColor(new Color(0xB8BCC2));
            g.fillRoundRect(7, 15, 18, 8, 2, 2);
            g.setColor(new Color(0x8A8F96));
            g.fillRect(9, 16, 14, 4);
        } else if (laptop) {
            g.setColor(new Color(0xB8BCC2));
            g.fillRoundRect(8, 9, 16, 10, 2, 2);
            g.setColor(new Color(0xD4D7DB));
            g.fillRoundRect(8, 18, 16, 4, 2, 2);
            g.setColor(new Color(0xF0F0F0));
            g.fillOval(14, 12, 4, 4);
        } else if (facingUser) {
            g.setColor(new Color(0x2A2D33));
            g.fillRect(14, 12, 4, 4);
            g.fillRoundRect(5, 3, 22, 11, 2, 2);
            g.setPaint(new GradientPaint(0, 4, new Color(0x7FB7E6), 0, 13, new Color(0x3A6C9E)));
            g.fillRect(6, 4, 20, 8);
            g.setColor(withAlpha(Color.WHITE, 170));
            g.fillRect(8, 6, 7, 2);
            g.fillRect(8, 9, 10, 1);
            keyboard(g, 18);
        } else {
            g.setColor(new Color(0x2A2D33));
            g.fillRoundRect(5, 23, 22, 5, 2, 2);
            g.fillRect(14, 20, 4, 4);
            keyboard(g, 9);
        }
    }

    private static void keyboard(Graphics2D g, int y) {
        g.setColor(new Color(0xF1F1EE));
        g.fillRoundRect(8, y, 14, 5, 2, 2);
        g.setColor(new Color(0xB9BBBE));
        for (int x = 9; x < 21; x += 2) {
            g.fillRect(x, y + 1, 1, 1);
            g.fillRect(x, y + 3, 1, 1);
        }
        g.setColor(new Color(0xE4E4E1));
        g.fillOval(24, y + 1, 3, 4);
    }

    /** An office chair facing north: seat, arms, and the backrest towards the south. */
    private static void chair(Graphics2D g) {
        g.setColor(SHADOW);
        g.fillOval(7, 9, 20, 20);
        g.setColor(shade(CHAIR, 0.7));
        g.fillRoundRect(6, 9, 4, 12, 3, 3);
        g.fillRoundRect(22, 9, 4, 12, 3, 3);
        g.setPaint(new GradientPaint(0, 8, CHAIR.brighter(), 0, 22, CHAIR));
        g.fill(new RoundRectangle2D.Double(9, 8, 14, 14, 7, 7));
        g.setColor(shade(CHAIR, 0.55));
        g.fill(new RoundRectangle2D.Double(8, 21, 16, 6, 5, 5));
        g.setColor(withAlpha(Color.WHITE, 40));
        g.drawLine(11, 10, 20, 10);
        g.setColor(OUTLINE);
        g.draw(new RoundRectangle2D.Double(9, 8, 14, 14, 7, 7));
    }

    private static void sofa(Graphics2D g, int part, boolean facingNorth) {
        AffineTransform saved = g.getTransform();
        if (facingNorth) {
            g.scale(1, -1);
            g.translate(0, -SIZE);
        }
        int x0 = part == 0 ? 3 : 0;
        int x1 = part == 2 ? SIZE - 3 : SIZE;
        g.setColor(SHADOW);
        g.fillRect(x0 + 1, facingNorth ? 2 : 6, x1 - x0, 26);
        g.setColor(shade(SOFA, 0.72));
        g.fillRoundRect(x0, 4, x1 - x0, 10, 6, 6);
        g.setPaint(new GradientPaint(0, 12, SOFA.brighter(), 0, 28, SOFA));
        g.fillRoundRect(x0, 11, x1 - x0, 17, 6, 6);
        g.setColor(shade(SOFA, 0.6));
        g.drawLine(0, 12, 0, 27);
        if (part == 0) {
            g.fillRoundRect(3, 6, 6, 22, 5, 5);
        } else if (part == 2) {
            g.fillRoundRect(SIZE - 9, 6, 6, 22, 5, 5);
        }
        g.setColor(withAlpha(Color.WHITE, 45));
        g.drawLine(x0 + 2, 13, x1 - 2, 13);
        g.setTransform(saved);
    }

    /** A single armchair facing north (turned into place by the caller). */
    private static void armchair(Graphics2D g) {
        g.setColor(SHADOW);
        g.fillRoundRect(6, 6, 24, 24, 8, 8);
        g.setColor(shade(ARMCHAIR, 0.7));
        g.fillRoundRect(4, 4, 24, 24, 8, 8);
        g.setPaint(new GradientPaint(0, 6, ARMCHAIR.brighter(), 0, 22, ARMCHAIR));
        g.fillRoundRect(9, 6, 14, 16, 6, 6);
        g.setColor(OUTLINE);
        g.drawRoundRect(4, 4, 23, 23, 8, 8);
    }

    private static void coffeeTable(Graphics2D g) {
        g.setColor(SHADOW);
        g.fillOval(6, 7, 24, 24);
        g.setPaint(new GradientPaint(0, 4, new Color(0xA47A52), 0, 28, new Color(0x7A5535)));
        g.fillOval(4, 4, 24, 24);
        g.setColor(OUTLINE);
        g.drawOval(4, 4, 24, 24);
        g.setColor(new Color(0xF2EEE6));
        g.fillOval(10, 10, 6, 6);
        g.setColor(new Color(0x6B3E26));
        g.fillOval(11, 11, 4, 4);
        g.setColor(new Color(0xE8544E));
        g.fillRect(17, 16, 7, 5);
    }

    private static void plant(Graphics2D g, Random random) {
        g.setColor(SHADOW);
        g.fillOval(7, 10, 22, 20);
        g.setPaint(new GradientPaint(0, 16, new Color(0xE7E3DC), 0, 30, new Color(0xB9B3A8)));
        g.fillRoundRect(9, 17, 14, 12, 4, 4);
        for (int i = 0; i < 9; i++) {
            double angle = i * 2 * Math.PI / 9 + random.nextDouble() * 0.3;
            AffineTransform saved = g.getTransform();
            g.rotate(angle, 16, 14);
            Color leaf = vary(new Color(0x4E9A4B), random, 18);
            g.setColor(leaf);
            g.fill(new Ellipse2D.Double(14, 2, 5, 12));
            g.setColor(shade(leaf, 0.7));
            g.drawLine(16, 4, 16, 13);
            g.setTransform(saved);
        }
        g.setColor(new Color(0x3B7A3A));
        g.fillOval(13, 11, 6, 6);
    }

    private static void tallPlant(Graphics2D g, Random random) {
        g.setColor(SHADOW);
        g.fillOval(5, 6, 25, 25);
        g.setColor(new Color(0x8C5A3C));
        g.fillOval(10, 19, 12, 10);
        for (int i = 0; i < 26; i++) {
            double r = 4 + random.nextDouble() * 8;
            double angle = random.nextDouble() * 2 * Math.PI;
            int x = (int) (16 + Math.cos(angle) * r);
            int y = (int) (14 + Math.sin(angle) * r * 0.9);
            Color leaf = vary(new Color(0x2F7D45), random, 22);
            g.setColor(leaf);
            g.fillOval(x - 3, y - 3, 7, 6);
            g.setColor(withAlpha(Color.WHITE, 50));
            g.fillOval(x - 2, y - 2, 3, 2);
        }
    }

    private static void bookshelf(Graphics2D g, Random random) {
        g.setColor(new Color(0x7A5535));
        g.fillRect(0, 0, SIZE, 8);
        g.setColor(new Color(0x5A3D26));
        g.fillRect(0, 8, SIZE, 24);
        for (int shelf = 0; shelf < 3; shelf++) {
            int y = 9 + shelf * 7;
            int x = 2;
            while (x < SIZE - 3) {
                int w = 2 + random.nextInt(3);
                int h = 4 + random.nextInt(3);
                g.setColor(vary(new Color[] {new Color(0xB84A3E), new Color(0x3D6FA6), new Color(0xD9A441),
                        new Color(0x4F8A5B), new Color(0xE8E1D3), new Color(0x6B4F8C)}[random.nextInt(6)], random, 15));
                g.fillRect(x, y + 6 - h, Math.min(w, SIZE - 2 - x), h);
                x += w + (random.nextInt(6) == 0 ? 2 : 0);
            }
            g.setColor(new Color(0x8A6442));
            g.fillRect(0, y + 6, SIZE, 1);
        }
        g.setColor(OUTLINE);
        g.drawLine(0, 8, SIZE, 8);
        g.setColor(new Color(0x946B47));
        g.drawLine(0, 1, SIZE, 1);
        g.drawLine(0, 0, 0, SIZE);
    }

    /** A 96 x 96 walnut meeting table, cut later into nine tiles. */
    static BufferedImage paintTable() {
        int size = 3 * SIZE;
        BufferedImage table = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = table.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Color wood = new Color(0x7A5236);
        g.setColor(SHADOW);
        g.fill(new RoundRectangle2D.Double(5, 8, size - 5, size - 8, 22, 22));
        g.setColor(shade(wood, 0.6));
        g.fill(new RoundRectangle2D.Double(2, 4, size - 6, size - 10, 22, 22));
        // Flat colour, not a gradient: the middle row is repeated for longer tables.
        g.setColor(wood);
        g.fill(new RoundRectangle2D.Double(2, 2, size - 6, size - 12, 22, 22));
        // Grain along the table, every 8 px so the middle tiles repeat.
        g.setColor(withAlpha(shade(wood, 0.75), 120));
        g.setStroke(new BasicStroke(0.8f));
        for (int y = 8; y < size - 12; y += 8) {
            g.drawLine(6, y, size - 8, y);
        }
        g.setColor(withAlpha(Color.WHITE, 60));
        g.drawLine(12, 4, size - 14, 4);
        g.setStroke(new BasicStroke(1));
        g.setColor(OUTLINE);
        g.draw(new RoundRectangle2D.Double(2, 2, size - 6, size - 8, 22, 22));
        g.dispose();
        return table;
    }
}
