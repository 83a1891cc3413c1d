package io.skyscope.server.world.map;

import static io.skyscope.server.world.map.OfficeTile.SIZE;
import static io.skyscope.server.world.map.OfficeTilePainter.WALL_EDGE;
import static io.skyscope.server.world.map.OfficeTilePainter.WALL_FACE_BOTTOM;
import static io.skyscope.server.world.map.OfficeTilePainter.WALL_FACE_TOP;
import static io.skyscope.server.world.map.OfficeTilePainter.WALL_TOP;
import static io.skyscope.server.world.map.OfficeTilePainter.WALL_TOP_HEIGHT;
import static io.skyscope.server.world.map.OfficeTilePainter.shade;
import static io.skyscope.server.world.map.OfficeTilePainter.vary;
import static io.skyscope.server.world.map.OfficeTilePainter.withAlpha;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.Arc2D;
import java.util.Random;

/**
 * Walls in a three-quarter view: a light top face, and where the floor lies to the south, a
 * darker front face that windows, boards and screens hang on. Sides not joined to another wall
 * get a dark outline, so runs of wall read as one piece.
 */
final class WallPainter {
    private static final int EAST_WEST = 2 | 8;

    private WallPainter() {
    }

    static void paint(Graphics2D g, OfficeTile tile, Random random) {
        int mask = tile.ordinal() <= OfficeTile.WALL_15.ordinal() ? tile.ordinal() - OfficeTile.WALL_0.ordinal()
                : EAST_WEST;
        wall(g, random, mask);
        switch (tile) {
            case WALL_WINDOW -> window(g);
            case WALL_WHITEBOARD_L -> whiteboard(g, true);
            case WALL_WHITEBOARD_R -> whiteboard(g, false);
            case WALL_TV_L -> tv(g, true);
            case WALL_TV_R -> tv(g, false);
            case WALL_SCREEN_L, WALL_SCREEN_M, WALL_SCREEN_R -> screen(g, tile);
            case WALL_ART -> art(g);
            case WALL_CLOCK -> clock(g);
            case GLASS_DOOR -> glassDoor(g);
            default -> { }
        }
    }

    private static void wall(Graphics2D g, Random random, int mask) {
        boolean north = (mask & 1) != 0;
        boolean east = (mask & 2) != 0;
        boolean south = (mask & 4) != 0;
        boolean west = (mask & 8) != 0;
        int topHeight = south ? SIZE : WALL_TOP_HEIGHT;
        // Flat, not a gradient: wall tiles sit in long runs and must not show where one ends.
        g.setColor(WALL_TOP);
        g.fillRect(0, 0, SIZE, topHeight);
        for (int i = 0; i < 40; i++) {
            g.setColor(vary(WALL_TOP, random, 4));
            g.fillRect(random.nextInt(SIZE), random.nextInt(topHeight), 1, 1);
        }
        if (!south) {
            g.setPaint(new GradientPaint(0, topHeight, WALL_FACE_TOP, 0, SIZE, WALL_FACE_BOTTOM));
            g.fillRect(0, topHeight, SIZE, SIZE - topHeight);
            g.setColor(shade(WALL_FACE_BOTTOM, 0.62));
            g.fillRect(0, SIZE - 4, SIZE, 4);
            g.setColor(withAlpha(Color.BLACK, 40));
            g.fillRect(0, topHeight, SIZE, 2);
            g.setColor(WALL_EDGE);
            g.drawLine(0, SIZE - 1, SIZE, SIZE - 1);
        }
        g.setColor(withAlpha(Color.WHITE, 35));
        if (!north) {
            g.drawLine(0, 2, SIZE, 2);
        }
        g.setColor(WALL_EDGE);
        if (!north) {
            g.fillRect(0, 0, SIZE, 2);
        }
        if (!west) {
            g.fillRect(0, 0, 2, SIZE);
        }
        if (!east) {
            g.fillRect(SIZE - 2, 0, 2, SIZE);
        }
    }

    private static void window(Graphics2D g) {
        g.setColor(new Color(0xEDEDEA));
        g.fillRect(3, 14, 26, 15);
        g.setPaint(new GradientPaint(0, 15, new Color(0xB7DDF2), 0, 27, new Color(0x6FA3C9)));
        g.fillRect(5, 16, 22, 11);
        g.setColor(withAlpha(Color.WHITE, 120));
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(8, 26, 13, 17);
        g.drawLine(19, 26, 23, 19);
        g.setStroke(new BasicStroke(1));
        g.setColor(new Color(0xEDEDEA));
        g.fillRect(15, 16, 2, 11);
        g.setColor(new Color(0x8C8C88));
        g.drawRect(3, 14, 25, 14);
        g.setColor(new Color(0xF7F7F5));
        g.fillRect(2, 28, 28, 2);
    }

    private static void whiteboard(Graphics2D g, boolean left) {
        int x0 = left ? 4 : 0;
        int x1 = left ? SIZE : SIZE - 4;
        g.setColor(new Color(0xB9BEC4));
        g.fillRect(x0, 13, x1 - x0, 14);
        g.setColor(new Color(0xFAFAF7));
        g.fillRect(x0 + (left ? 2 : 0), 15, x1 - x0 - 2, 10);
        g.setColor(new Color(0x7E848B));
        g.fillRect(x0, 26, x1 - x0, 2);
        g.setStroke(new BasicStroke(1.2f));
        if (left) {
            g.setColor(new Color(0x2F6DB5));
            g.drawPolyline(new int[] {9, 12, 15, 18, 21, 24}, new int[] {20, 17, 21, 18, 22, 19}, 6);
            g.setColor(new Color(0xC8412F));
            g.drawRect(26, 17, 5, 5);
        } else {
            g.setColor(new Color(0x2E8B57));
            g.drawLine(3, 18, 14, 18);
            g.drawLine(3, 21, 10, 21);
            g.setColor(new Color(0x2F6DB5));
            g.drawOval(17, 16, 7, 7);
            g.setColor(new Color(0xC8412F));
            g.fillRect(8, 26, 4, 1);
            g.setColor(new Color(0x2F6DB5));
            g.fillRect(14, 26, 4, 1);
        }
    }

    private static void tv(Graphics2D g, boolean left) {
        int x0 = left ? 4 : 0;
        int x1 = left ? SIZE : SIZE - 4;
        g.setColor(new Color(0x111316));
        g.fillRect(x0, 13, x1 - x0, 15);
        g.setPaint(new GradientPaint(0, 14, new Color(0x2B3F63), 0, 27, new Color(0x101B2E)));
        g.fillRect(x0 + (left ? 1 : 0), 14, x1 - x0 - 1, 13);
        g.setColor(withAlpha(Color.WHITE, 28));
        g.fillPolygon(new int[] {x0 + 4, x0 + 12, x0 + 6, x0 - 2}, new int[] {14, 14, 27, 27}, 4);
        g.setColor(new Color(0x4FB3BF));
        g.fillRect(left ? 26 : 0, 26, 6, 1);
    }

    private static void screen(Graphics2D g, OfficeTile tile) {
        boolean left = tile == OfficeTile.WALL_SCREEN_L;
        boolean right = tile == OfficeTile.WALL_SCREEN_R;
        int x0 = left ? 3 : 0;
        int x1 = right ? SIZE - 3 : SIZE;
        g.setColor(new Color(0x26282B));
        g.fillRect(x0, 12, x1 - x0, 17);
        g.setPaint(new GradientPaint(0, 14, new Color(0xF4F6F8), 0, 28, new Color(0xD9DDE2)));
        g.fillRect(x0 + (left ? 2 : 0), 14, x1 - x0 - (left || right ? 2 : 0), 13);
        g.setColor(new Color(0x3C8D93));
        g.fillRect(x0 + (left ? 2 : 0), 14, x1 - x0 - (left || right ? 2 : 0), 3);
        if (tile == OfficeTile.WALL_SCREEN_M) {
            Color[] bars = {new Color(0x3C8D93), new Color(0xE39B3B), new Color(0x6A7FB5)};
            int[] heights = {6, 4, 8};
            for (int i = 0; i < 3; i++) {
                g.setColor(bars[i]);
                g.fillRect(7 + i * 7, 26 - heights[i], 4, heights[i]);
            }
        } else if (left) {
            g.setColor(new Color(0x8A9099));
            for (int y = 19; y < 26; y += 3) {
                g.fillRect(9, y, 14 + (y % 2) * 4, 1);
            }
        }
    }

    private static void art(Graphics2D g) {
        g.setColor(new Color(0x6B4A33));
        g.fillRect(8, 14, 16, 13);
        g.setPaint(new GradientPaint(0, 16, new Color(0x9FD0EE), 0, 25, new Color(0xF3D9A4)));
        g.fillRect(10, 16, 12, 9);
        g.setColor(new Color(0xF2B33D));
        g.fillOval(17, 17, 3, 3);
        g.setColor(new Color(0x5E8F4E));
        g.fill(new Arc2D.Double(8, 20, 12, 10, 0, 180, Arc2D.CHORD));
        g.setColor(new Color(0x3F6F3A));
        g.fill(new Arc2D.Double(14, 21, 10, 8, 0, 180, Arc2D.CHORD));
        g.setColor(new Color(0x6B4A33));
        g.drawRect(9, 15, 13, 10);
    }

    private static void clock(Graphics2D g) {
        g.setColor(new Color(0x2D2F33));
        g.fillOval(9, 13, 14, 14);
        g.setColor(new Color(0xF8F6F0));
        g.fillOval(11, 15, 10, 10);
        g.setColor(new Color(0x2D2F33));
        g.setStroke(new BasicStroke(1.2f));
        g.drawLine(16, 20, 16, 16);
        g.drawLine(16, 20, 19, 21);
        g.setColor(new Color(0xC8412F));
        g.drawLine(16, 20, 13, 23);
    }

    private static void glassDoor(Graphics2D g) {
        g.setColor(new Color(0x3A3F45));
        g.fillRect(0, 2, SIZE, 28);
        g.setPaint(new GradientPaint(0, 4, new Color(0xB9DDF0), SIZE, 28, new Color(0x7FB2D3)));
        g.fillRect(2, 4, 12, 24);
        g.fillRect(18, 4, 12, 24);
        g.setColor(withAlpha(Color.WHITE, 110));
        g.drawLine(4, 24, 10, 8);
        g.drawLine(20, 24, 26, 8);
        g.setColor(new Color(0xD6D8DB));
        g.fillRect(11, 10, 2, 12);
        g.fillRect(19, 10, 2, 12);
    }
}
