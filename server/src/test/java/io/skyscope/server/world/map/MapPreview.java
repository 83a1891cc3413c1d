package io.skyscope.server.world.map;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyscope.map.MapArea;
import io.skyscope.map.Point;
import io.skyscope.map.TiledMap;
import io.skyscope.map.TiledMapParser;
import io.skyscope.protocol.Json;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Draws a whole map the way a client would (tile layers in order), optionally with its areas
 * outlined and named and its blocked tiles tinted. For looking at generated maps; not used by the
 * server. Only maps with a single tileset and no flipped tiles are drawn faithfully.
 */
final class MapPreview {
    private MapPreview() {
    }

    static BufferedImage render(byte[] tmj, BufferedImage tileset, boolean areas, boolean collision) {
        JsonNode root;
        try {
            root = Json.strict().readTree(tmj);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int width = root.get("width").intValue();
        int height = root.get("height").intValue();
        int size = root.get("tilewidth").intValue();
        int columns = root.get("tilesets").get(0).get("columns").intValue();
        int firstGid = root.get("tilesets").get(0).get("firstgid").intValue();
        BufferedImage image = new BufferedImage(width * size, height * size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        for (JsonNode layer : root.get("layers")) {
            if (!layer.get("type").asText().equals("tilelayer")) {
                continue;
            }
            JsonNode data = layer.get("data");
            for (int i = 0; i < data.size(); i++) {
                long gid = data.get(i).longValue() & 0x0FFFFFFFL;
                if (gid == 0) {
                    continue;
                }
                int tile = (int) gid - firstGid;
                int sx = tile % columns * size;
                int sy = tile / columns * size;
                int dx = i % width * size;
                int dy = i / width * size;
                g.drawImage(tileset, dx, dy, dx + size, dy + size, sx, sy, sx + size, sy + size, null);
            }
        }
        TiledMap map = TiledMapParser.parse(tmj);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        if (collision) {
            g.setColor(new Color(255, 0, 0, 80));
            for (int ty = 0; ty < height; ty++) {
                for (int tx = 0; tx < width; tx++) {
                    if (map.collision().blocked(tx, ty)) {
                        g.fillRect(tx * size, ty * size, size, size);
                    }
                }
            }
        }
        if (areas) {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            for (MapArea area : map.areas()) {
                Color color = switch (area.kind()) {
                    case MEETING_ROOM -> new Color(0x2F80ED);
                    case SILENT_ZONE -> new Color(0x27AE60);
                    case STAGE -> new Color(0xEB5757);
                    case AUDIENCE -> new Color(0xF2994A);
                };
                g.setColor(color);
                g.setStroke(new BasicStroke(3, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {10, 6}, 0));
                g.drawRect((int) area.x() + 2, (int) area.y() + 2, (int) area.width() - 4, (int) area.height() - 4);
                String label = area.name() + " (" + area.kind().wireName()
                        + area.capacity().stream().mapToObj(c -> ", " + c).findFirst().orElse("") + ")";
                int textWidth = g.getFontMetrics().stringWidth(label);
                g.setColor(new Color(0, 0, 0, 170));
                g.fillRoundRect((int) area.x() + 6, (int) area.y() + 6, textWidth + 10, 20, 8, 8);
                g.setColor(Color.WHITE);
                g.drawString(label, (int) area.x() + 11, (int) area.y() + 21);
            }
            Point spawn = map.spawn();
            g.setColor(new Color(0xF2C94C));
            g.fillOval((int) spawn.x() - 8, (int) spawn.y() - 8, 16, 16);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(2));
            g.drawOval((int) spawn.x() - 8, (int) spawn.y() - 8, 16, 16);
        }
        g.dispose();
        return image;
    }
}
