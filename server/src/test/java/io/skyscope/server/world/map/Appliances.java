package io.skyscope.server.world.map;

import static io.skyscope.server.world.map.FurniturePainter.OUTLINE;
import static io.skyscope.server.world.map.FurniturePainter.SHADOW;
import static io.skyscope.server.world.map.OfficeTile.SIZE;
import static io.skyscope.server.world.map.OfficeTilePainter.shade;
import static io.skyscope.server.world.map.OfficeTilePainter.withAlpha;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.util.Random;

/**
 * Kitchen fittings and other boxes of the default office: things that stand against a wall and
 * show a front (counters, fridge) or stand alone (lectern, speakers, water cooler, printer).
 */
final class Appliances {
    private static final Color WORKTOP = new Color(0x4A4C50);
    private static final Color CABINET = new Color(0xEEE9E0);
    private static final Color STEEL = new Color(0xC7CBD0);
    private static final int TOP = 17;

    private Appliances() {
    }

    static void paint(Graphics2D g, OfficeTile tile, Random random) {
        switch (tile) {
            case COUNTER -> counter(g, random);
            case COUNTER_SINK -> {
                counter(g, random);
                sink(g);
            }
            case COUNTER_COFFEE -> {
                counter(g, random);
                coffeeMachine(g);
            }
            case COUNTER_STOVE -> {
                counter(g, random);
                stove(g);
            }
            case FRIDGE -> fridge(g);
            case LECTERN -> lectern(g);
            case SPEAKER -> speaker(g);
            case WATER_COOLER -> waterCooler(g);
            case PRINTER -> printer(g);
            default -> throw new IllegalArgumentException("not an appliance: " + tile);
        }
    }

    /** A worktop over a cabinet; runs of counters join into one. */
    private static void counter(Graphics2D g, Random random) {
        g.setColor(WORKTOP);
        g.fillRect(0, 0, SIZE, TOP);
        for (int i = 0; i < 70; i++) {
            g.setColor(withAlpha(random.nextBoolean() ? Color.WHITE : Color.BLACK, 40));
            g.fillRect(random.nextInt(SIZE), random.nextInt(TOP), 1, 1);
        }
        g.setColor(withAlpha(Color.WHITE, 70));
        g.drawLine(0, TOP - 2, SIZE, TOP - 2);
        g.setPaint(new GradientPaint(0, TOP, CABINET, 0, SIZE, shade(CABINET, 0.86)));
        g.fillRect(0, TOP, SIZE, SIZE - TOP);
        g.setColor(shade(CABINET, 0.7));
        g.drawLine(0, TOP, 0, SIZE);
        g.drawLine(16, TOP + 2, 16, SIZE - 2);
        g.setColor(new Color(0x8E9298));
        g.fillRect(12, TOP + 4, 2, 5);
        g.fillRect(18, TOP + 4, 2, 5);
        g.setColor(OUTLINE);
        g.drawLine(0, TOP, SIZE, TOP);
        g.drawLine(0, SIZE - 1, SIZE, SIZE - 1);
    }

    private static void sink(Graphics2D g) {
        g.setColor(shade(STEEL, 0.8));
        g.fillRoundRect(6, 3, 20, 12, 5, 5);
        g.setPaint(new GradientPaint(0, 4, shade(STEEL, 0.7), 0, 14, STEEL));
        g.fillRoundRect(8, 5, 16, 8, 4, 4);
        g.setColor(new Color(0x5F646B));
        g.fillOval(15, 8, 2, 2);
        g.setColor(STEEL);
        g.setStroke(new BasicStroke(2));
        g.drawLine(16, 1, 16, 5);
        g.setStroke(new BasicStroke(1));
    }

    private static void coffeeMachine(Graphics2D g) {
        g.setColor(SHADOW);
        g.fillRect(9, 3, 16, 14);
        g.setColor(new Color(0x1F2023));
        g.fillRoundRect(7, 1, 16, 14, 3, 3);
        g.setColor(new Color(0x3A3C41));
        g.fillRect(9, 3, 12, 5);
        g.setColor(new Color(0xE04B3A));
        g.fillOval(19, 10, 2, 2);
        g.setColor(new Color(0xF4F1EA));
        g.fillOval(11, 9, 5, 5);
        g.setColor(new Color(0x6B3E26));
        g.fillOval(12, 10, 3, 3);
    }

    private static void stove(Graphics2D g) {
        g.setColor(new Color(0x1E1F22));
        g.fillRect(3, 1, 26, 14);
        g.setColor(new Color(0x55585E));
        g.setStroke(new BasicStroke(1.3f));
        g.drawOval(6, 3, 8, 8);
        g.drawOval(18, 3, 8, 8);
        g.setColor(new Color(0xC9452F));
        g.drawOval(8, 5, 4, 4);
        g.setStroke(new BasicStroke(1));
    }

    private static void fridge(Graphics2D g) {
        g.setColor(shade(STEEL, 0.85));
        g.fillRect(1, 0, 30, 8);
        g.setPaint(new GradientPaint(0, 0, STEEL.brighter(), SIZE, 0, shade(STEEL, 0.88)));
        g.fillRect(1, 8, 30, 24);
        g.setColor(shade(STEEL, 0.6));
        g.drawLine(1, 15, 30, 15);
        g.setColor(new Color(0x6D7279));
        g.fillRect(25, 10, 2, 4);
        g.fillRect(25, 18, 2, 10);
        g.setColor(OUTLINE);
        g.drawRect(1, 0, 29, 31);
        g.drawLine(1, 8, 30, 8);
    }

    private static void lectern(Graphics2D g) {
        g.setColor(SHADOW);
        g.fillRect(8, 8, 20, 22);
        g.setColor(new Color(0x5A3D26));
        g.fillRect(6, 12, 20, 17);
        g.setPaint(new GradientPaint(0, 4, new Color(0xA47A52), 0, 13, new Color(0x7A5535)));
        g.fillRect(5, 4, 22, 9);
        g.setColor(new Color(0xF7F5EF));
        g.fillRect(10, 5, 8, 6);
        g.setColor(new Color(0x2A2D33));
        g.drawLine(20, 9, 24, 2);
        g.setColor(new Color(0x3C8D93));
        g.fillOval(13, 17, 6, 6);
        g.setColor(OUTLINE);
        g.drawRect(5, 4, 21, 24);
    }

    private static void speaker(Graphics2D g) {
        g.setColor(SHADOW);
        g.fillRect(9, 6, 18, 25);
        g.setColor(new Color(0x2A2B2E));
        g.fillRect(7, 3, 18, 6);
        g.setColor(new Color(0x18191B));
        g.fillRect(7, 9, 18, 20);
        g.setColor(new Color(0x3C3E42));
        g.fillOval(11, 11, 10, 10);
        g.fillOval(13, 22, 6, 6);
        g.setColor(new Color(0x101112));
        g.fillOval(14, 14, 4, 4);
        g.setColor(OUTLINE);
        g.drawRect(7, 3, 17, 25);
    }

    private static void waterCooler(Graphics2D g) {
        g.setColor(SHADOW);
        g.fillOval(8, 8, 20, 20);
        g.setColor(new Color(0xEDEDEA));
        g.fillRoundRect(7, 6, 18, 20, 5, 5);
        g.setPaint(new GradientPaint(0, 6, new Color(0xA8D8F0), 0, 22, new Color(0x5AA7D6)));
        g.fillOval(9, 7, 14, 14);
        g.setColor(withAlpha(Color.WHITE, 150));
        g.fillOval(12, 9, 4, 3);
        g.setColor(new Color(0x2F7FBF));
        g.fillRect(11, 23, 3, 2);
        g.setColor(new Color(0xC8412F));
        g.fillRect(18, 23, 3, 2);
    }

    private static void printer(Graphics2D g) {
        g.setColor(SHADOW);
        g.fillRect(5, 7, 25, 22);
        g.setColor(new Color(0xD8DADC));
        g.fillRoundRect(3, 4, 26, 22, 4, 4);
        g.setColor(new Color(0x55595F));
        g.fillRect(6, 7, 20, 5);
        g.setColor(Color.WHITE);
        g.fillRect(9, 14, 14, 8);
        g.setColor(new Color(0x9AA0A6));
        g.drawLine(11, 16, 20, 16);
        g.drawLine(11, 18, 18, 18);
        g.setColor(new Color(0x59C27A));
        g.fillRect(24, 8, 2, 2);
        g.setColor(OUTLINE);
        g.drawRoundRect(3, 4, 25, 21, 4, 4);
    }
}
