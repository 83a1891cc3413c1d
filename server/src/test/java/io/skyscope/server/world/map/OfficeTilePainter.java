package io.skyscope.server.world.map;

import static io.skyscope.server.world.map.OfficeTile.SIZE;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.CubicCurve2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Paints the default office tileset with Java2D: floors and walls here, furniture in
 * {@link FurniturePainter}. Every tile is drawn from code with fixed random seeds, so the image is
 * the same on every run.
 */
final class OfficeTilePainter {
    static final Color WALL_TOP = new Color(0x5E636B);
    static final Color WALL_EDGE = new Color(0x2F3237);
    static final Color WALL_FACE_TOP = new Color(0xDCD5C9);
    static final Color WALL_FACE_BOTTOM = new Color(0xC2B8A8);
    static final int WALL_TOP_HEIGHT = 12;

    private OfficeTilePainter() {
    }

    static BufferedImage paintTileset() {
        OfficeTile[] tiles = OfficeTile.values();
        int rows = (tiles.length + OfficeTile.COLUMNS - 1) / OfficeTile.COLUMNS;
        BufferedImage image = new BufferedImage(OfficeTile.COLUMNS * SIZE, rows * SIZE, BufferedImage.TYPE_INT_ARGB);
        // Sliced objects are painted whole, then cut into their tiles.
        BufferedImage rug = paintRug();
        BufferedImage table = FurniturePainter.paintTable();
        for (OfficeTile tile : tiles) {
            int x = tile.ordinal() % OfficeTile.COLUMNS * SIZE;
            int y = tile.ordinal() / OfficeTile.COLUMNS * SIZE;
            Graphics2D g = image.createGraphics();
            g.translate(x, y);
            g.clipRect(0, 0, SIZE, SIZE);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            Random random = new Random(7919L * (tile.ordinal() + 1));
            String name = tile.name();
            if (name.startsWith("RUG_")) {
                int i = tile.ordinal() - OfficeTile.RUG_NW.ordinal();
                g.drawImage(rug.getSubimage(i % 3 * SIZE, i / 3 * SIZE, SIZE, SIZE), 0, 0, null);
            } else if (name.startsWith("TABLE_")) {
                int i = tile.ordinal() - OfficeTile.TABLE_NW.ordinal();
                g.drawImage(table.getSubimage(i % 3 * SIZE, i / 3 * SIZE, SIZE, SIZE), 0, 0, null);
            } else if (tile.isWall()) {
                WallPainter.paint(g, tile, random);
            } else if (tile.ordinal() < OfficeTile.WALL_0.ordinal()) {
                paintFloor(g, tile, random);
            } else {
                FurniturePainter.paint(g, tile, random);
            }
            g.dispose();
        }
        return image;
    }

    private static void paintFloor(Graphics2D g, OfficeTile tile, Random random) {
        switch (tile) {
            case WOOD -> planks(g, random, new Color(0xC89F6E), 8);
            case STAGE_BOARDS -> planks(g, random, new Color(0x6B4A33), 8);
            case CARPET_BLUE -> carpet(g, random, new Color(0x5B6F8A));
            case CARPET_GREEN -> carpet(g, random, new Color(0x5E7F5F));
            case CARPET_RED -> carpet(g, random, new Color(0x8A4A4A));
            case CORRIDOR -> speckled(g, random, new Color(0xC9C6C0), 6);
            case KITCHEN_TILES -> kitchenTiles(g);
            case STONE -> stone(g, random);
            case STAGE_EDGE -> stageEdge(g, random);
            case STAGE_STEPS -> stageSteps(g, random);
            case DOOR_H, DOOR_V -> door(g, random, tile == OfficeTile.DOOR_V);
            case MAT -> mat(g, random);
            default -> throw new IllegalArgumentException("not a floor: " + tile);
        }
    }

    /** Horizontal planks, {@code height} px each, with staggered joints and grain. */
    private static void planks(Graphics2D g, Random random, Color base, int height) {
        int[] joints = {9, 25, 3, 17};
        for (int row = 0; row < SIZE / height; row++) {
            int y = row * height;
            Color plank = vary(base, random, 10);
            g.setPaint(new GradientPaint(0, y, shade(plank, 1.06), 0, y + height, plank));
            g.fillRect(0, y, SIZE, height);
            g.setColor(withAlpha(shade(plank, 0.8), 110));
            for (int i = 0; i < 3; i++) {
                int gy = y + 1 + random.nextInt(height - 2);
                int gx = random.nextInt(SIZE);
                g.drawLine(gx, gy, gx + 6 + random.nextInt(14), gy);
            }
            g.setColor(shade(base, 0.62));
            g.drawLine(0, y + height - 1, SIZE, y + height - 1);
            g.drawLine(joints[row % 4], y, joints[row % 4], y + height - 1);
            g.setColor(withAlpha(Color.WHITE, 40));
            g.drawLine(0, y, SIZE, y);
        }
    }

    private static void carpet(Graphics2D g, Random random, Color base) {
        speckled(g, random, base, 9);
        // Carpet tiles laid in alternating directions show a faint woven stripe.
        g.setColor(withAlpha(shade(base, 0.85), 60));
        for (int i = 2; i < SIZE; i += 4) {
            g.drawLine(i, 1, i, SIZE - 2);
        }
        g.setColor(withAlpha(shade(base, 0.7), 90));
        g.drawRect(0, 0, SIZE - 1, SIZE - 1);
    }

    static void speckled(Graphics2D g, Random random, Color base, int spread) {
        g.setColor(base);
        g.fillRect(0, 0, SIZE, SIZE);
        for (int i = 0; i < 220; i++) {
            g.setColor(vary(base, random, spread));
            g.fillRect(random.nextInt(SIZE), random.nextInt(SIZE), 1, 1);
        }
    }

    private static void kitchenTiles(Graphics2D g) {
        Color[] colors = {new Color(0xEDE7DA), new Color(0xB9CBB8)};
        for (int ty = 0; ty < 2; ty++) {
            for (int tx = 0; tx < 2; tx++) {
                Color c = colors[(tx + ty) % 2];
                g.setPaint(new GradientPaint(tx * 16, ty * 16, shade(c, 1.04), tx * 16 + 16, ty * 16 + 16, c));
                g.fillRect(tx * 16, ty * 16, 16, 16);
                g.setColor(withAlpha(Color.WHITE, 90));
                g.drawLine(tx * 16 + 1, ty * 16 + 1, tx * 16 + 14, ty * 16 + 1);
            }
        }
        g.setColor(new Color(0x9A958C));
        g.drawLine(0, 0, SIZE, 0);
        g.drawLine(0, 16, SIZE, 16);
        g.drawLine(0, 0, 0, SIZE);
        g.drawLine(16, 0, 16, SIZE);
    }

    private static void stone(Graphics2D g, Random random) {
        Color base = new Color(0xD9D3C7);
        speckled(g, random, base, 4);
        // Polished slabs: a soft sheen across each, and only a faint vein, as every slab is the same tile.
        g.setPaint(new GradientPaint(0, 0, withAlpha(Color.WHITE, 50), SIZE, SIZE, withAlpha(Color.WHITE, 0)));
        g.fillRect(0, 0, SIZE, SIZE);
        g.setStroke(new BasicStroke(0.6f));
        g.setColor(withAlpha(new Color(0x8F877B), 28));
        g.draw(new CubicCurve2D.Double(4, 30, 10, 20, 20, 24, 30, 6));
        g.setStroke(new BasicStroke(1));
        g.setColor(new Color(0xBDB6AA));
        g.drawLine(0, 0, SIZE, 0);
        g.drawLine(0, 0, 0, SIZE);
    }

    private static void stageEdge(Graphics2D g, Random random) {
        planks(g, random, new Color(0x6B4A33), 8);
        g.setPaint(new GradientPaint(0, 14, new Color(0x2E2A28), 0, SIZE, new Color(0x1B1918)));
        g.fillRect(0, 14, SIZE, SIZE - 14);
        g.setColor(new Color(0xB08A5A));
        g.fillRect(0, 12, SIZE, 2);
        g.setColor(withAlpha(Color.WHITE, 25));
        g.drawLine(0, 20, SIZE, 20);
    }

    private static void stageSteps(Graphics2D g, Random random) {
        planks(g, random, new Color(0x6B4A33), 8);
        for (int i = 0; i < 3; i++) {
            int y = 8 + i * 8;
            g.setColor(new Color(0x4A3424));
            g.fillRect(0, y, SIZE, 8);
            g.setColor(new Color(0xB08A5A));
            g.fillRect(0, y, SIZE, 2);
            g.setColor(new Color(0x2B1F17));
            g.drawLine(0, y + 7, SIZE, y + 7);
        }
    }

    private static void door(Graphics2D g, Random random, boolean vertical) {
        speckled(g, random, new Color(0xC2B8A8), 5);
        if (vertical) {
            g.rotate(Math.PI / 2, SIZE / 2.0, SIZE / 2.0);
        }
        g.setPaint(new GradientPaint(0, 12, new Color(0xD9D6D0), 0, 20, new Color(0x8D8A84)));
        g.fillRect(0, 12, SIZE, 8);
        g.setColor(new Color(0x6E6A63));
        g.drawLine(0, 12, SIZE, 12);
        g.drawLine(0, 19, SIZE, 19);
        g.setColor(withAlpha(Color.WHITE, 120));
        g.drawLine(0, 14, SIZE, 14);
    }

    private static void mat(Graphics2D g, Random random) {
        speckled(g, random, new Color(0x3E3B38), 12);
        g.setColor(withAlpha(Color.BLACK, 60));
        for (int y = 3; y < SIZE; y += 3) {
            g.drawLine(2, y, SIZE - 3, y);
        }
        g.setColor(new Color(0x26231F));
        g.drawRect(0, 0, SIZE - 1, SIZE - 1);
    }

    /** A 96 x 96 rug with a patterned border, cut later into nine tiles. */
    private static BufferedImage paintRug() {
        int size = 3 * SIZE;
        BufferedImage rug = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = rug.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Random random = new Random(31);
        Color field = new Color(0x9C3D3A);
        g.setColor(field);
        g.fillRect(0, 0, size, size);
        // A lattice with a 16 px period, so the middle tiles repeat without seams.
        g.setColor(new Color(0xB85B4C));
        g.setStroke(new BasicStroke(1.5f));
        for (int i = -size; i < 2 * size; i += 16) {
            g.drawLine(i, 0, i + size, size);
            g.drawLine(i + size, 0, i, size);
        }
        g.setColor(new Color(0xE6C48F));
        for (int y = 8; y < size; y += 16) {
            for (int x = 8; x < size; x += 16) {
                g.fillOval(x - 2, y - 2, 4, 4);
            }
        }
        for (int i = 0; i < 1500; i++) {
            g.setColor(withAlpha(random.nextBoolean() ? Color.BLACK : Color.WHITE, 18));
            g.fillRect(random.nextInt(size), random.nextInt(size), 1, 1);
        }
        g.setStroke(new BasicStroke(1));
        g.setColor(new Color(0x5C2322));
        g.fillRect(0, 0, size, 3);
        g.fillRect(0, size - 3, size, 3);
        g.fillRect(0, 0, 3, size);
        g.fillRect(size - 3, 0, 3, size);
        g.setColor(new Color(0xE6C48F));
        g.setStroke(new BasicStroke(3));
        g.drawRect(6, 6, size - 13, size - 13);
        g.setStroke(new BasicStroke(1));
        g.setColor(new Color(0x5C2322));
        g.drawRect(10, 10, size - 21, size - 21);
        g.dispose();
        return rug;
    }

    static Color vary(Color c, Random random, int spread) {
        int d = random.nextInt(2 * spread + 1) - spread;
        return new Color(clamp(c.getRed() + d), clamp(c.getGreen() + d), clamp(c.getBlue() + d), c.getAlpha());
    }

    /** The colour with each channel multiplied by {@code factor}: below 1 darker, above 1 lighter. */
    static Color shade(Color c, double factor) {
        return new Color(clamp((int) (c.getRed() * factor)), clamp((int) (c.getGreen() * factor)),
                clamp((int) (c.getBlue() * factor)), c.getAlpha());
    }

    static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
