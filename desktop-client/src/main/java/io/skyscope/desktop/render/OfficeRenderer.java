package io.skyscope.desktop.render;

import io.skyscope.desktop.map.Area;
import io.skyscope.desktop.map.AreaKindLabel;
import io.skyscope.desktop.map.OfficeMap;
import io.skyscope.map.PathFinder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import io.skyscope.desktop.video.VideoTile;
import javafx.geometry.VPos;
import javafx.scene.effect.ColorAdjust;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * Draws one {@link RenderFrame} of the office onto a canvas: map chunks, named areas, the hearing
 * range, the walk path, then avatars from back to front with name tags, status dots, speaking rings
 * and muted, camera and screen-share icons, and last the camera bubbles of the people I talk to. Holds no game state; what it draws comes from the frame.
 *
 * <p>Threads: FX thread only.
 */
public final class OfficeRenderer {
    private static final Font AREA_FONT = Font.font("System", FontWeight.BOLD, 13);
    /** Below this zoom only some avatars get name tags (see drawAvatars). */
    public static final double NAMES_FROM_ZOOM = 0.75;
    /** The avatar id the server gives accounts that have not chosen one. */
    static final String DEFAULT_AVATAR = "a1";
    private static final Comparator<AvatarView> BACK_TO_FRONT = Comparator.comparingDouble(AvatarView::y);
    /** A camera bubble's height on screen; its width follows the picture, up to the maximum. */
    public static final double BUBBLE_HEIGHT = 72;
    private static final double BUBBLE_MAX_WIDTH = 128;
    private static final Font PAUSED_FONT = Font.font("System", FontWeight.BOLD, 11);
    private static final ColorAdjust STALLED = new ColorAdjust(0, -1, -0.35, 0);

    private record Bubble(String userId, double x, double y, double w, double h) {
    }

    private final MapRaster raster;
    private final SpriteCache sprites;
    private final List<AvatarView> sorted = new ArrayList<>();
    /** Where the last frame drew video bubbles, in screen pixels, for clicks. */
    private final List<Bubble> bubbles = new ArrayList<>();
    /** Area labels as placed for {@link #labelsFor} (worked out again if the map changes). */
    private List<AreaLabels.Placed> labels = List.of();
    private OfficeMap labelsFor;
    private Function<String, Image> photos = id -> null;

    public OfficeRenderer(MapRaster raster, SpriteCache sprites) {
        this.raster = raster;
        this.sprites = sprites;
    }

    /** Where name tags get profile photos from (round images, or null for none). FX thread. */
    public void photos(Function<String, Image> source) {
        photos = source;
    }

    public OfficeMap map() {
        return raster.map();
    }

    public void render(GraphicsContext g, double width, double height, RenderFrame frame) {
        Camera cam = frame.camera();
        double z = cam.zoom();
        // The map is copied unscaled (pre-scaled by the raster) at a whole screen pixel; snapping
        // the origin there and drawing everything else from the same origin keeps them aligned.
        double originX = Math.round(width / 2 - cam.centreX() * z);
        double originY = Math.round(height / 2 - cam.centreY() * z);
        g.setFill(frame.dark() ? Color.web("#0d1117") : Color.web("#d8dee9"));
        g.fillRect(0, 0, width, height);
        drawMap(g, originX, originY, width, height, z);
        g.save();
        g.translate(originX, originY);
        g.scale(z, z);
        double left = -originX / z;
        double top = -originY / z;
        double right = (width - originX) / z;
        double bottom = (height - originY) / z;
        drawAreaLabels(g, left, top, right, bottom);
        AvatarView me = frame.avatars().stream().filter(AvatarView::me).findFirst().orElse(null);
        LifePainter.lockedRooms(g, frame.life().lockedRooms());
        LifePainter.plates(g, frame.life().plates(), left, top, right, bottom);
        if (me != null && frame.hearingRadius() > 0) {
            drawHearingRange(g, me, frame.hearingRadius());
        }
        if (me != null && !frame.path().isEmpty()) {
            drawPath(g, me, frame.path());
        }
        drawAvatars(g, frame.avatars(), left - 80, top - 80, right + 80, bottom + 80, z);
        LifePainter.reactions(g, sorted, frame.life().reactions());
        g.restore();
        bubbles.clear();
        if (!frame.bubbles().isEmpty()) {
            drawBubbles(g, frame, originX, originY, z);
        }
    }

    /** The user id whose video bubble is at a screen point of the last frame drawn, or null. */
    public String bubbleAt(double x, double y) {
        for (int i = bubbles.size() - 1; i >= 0; i--) {
            Bubble b = bubbles.get(i);
            if (x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h) {
                return b.userId;
            }
        }
        return null;
    }

    /**
     * Cameras beside the avatars of the people I talk to, at a fixed screen size whatever the
     * zoom: right of the avatar, following the avatar as it walks. A stalled picture is greyed with
     * "video paused" over it.
     */
    private void drawBubbles(GraphicsContext g, RenderFrame frame, double originX, double originY, double z) {
        for (AvatarView a : frame.avatars()) {
            VideoTile tile = frame.bubbles().get(a.userId());
            Image image = tile == null ? null : tile.feed().image();
            if (image == null) {
                continue;
            }
            double h = BUBBLE_HEIGHT;
            double w = Math.min(BUBBLE_MAX_WIDTH, h * image.getWidth() / image.getHeight());
            // Beside the body, its foot at theirs: the name tag above the head stays readable.
            double x = originX + (a.x() + AvatarPainter.WIDTH / 2) * z + 6;
            double y = originY + a.y() * z - h;
            g.setFill(Color.rgb(13, 17, 23, 0.9));
            g.fillRoundRect(x - 3, y - 3, w + 6, h + 6, 10, 10);
            if (tile.stalled()) {
                g.setEffect(STALLED);
            }
            g.drawImage(image, x, y, w, h);
            g.setEffect(null);
            g.setStroke(tile.stalled() ? Color.web("#9ca3af") : Color.web("#2563eb"));
            g.setLineWidth(2);
            g.strokeRoundRect(x - 3, y - 3, w + 6, h + 6, 10, 10);
            if (tile.stalled()) {
                g.setFont(PAUSED_FONT);
                g.setTextAlign(TextAlignment.CENTER);
                g.setTextBaseline(VPos.CENTER);
                g.setFill(Color.rgb(0, 0, 0, 0.6));
                g.fillRoundRect(x + w / 2 - 42, y + h / 2 - 9, 84, 18, 8, 8);
                g.setFill(Color.WHITE);
                g.fillText("video paused", x + w / 2, y + h / 2);
            }
            bubbles.add(new Bubble(a.userId(), x - 3, y - 3, w + 6, h + 6));
        }
    }

    private void drawMap(GraphicsContext g, double originX, double originY, double width, double height, double z) {
        int c0 = Math.max(0, (int) Math.floor(-originX / MapRaster.CHUNK));
        int r0 = Math.max(0, (int) Math.floor(-originY / MapRaster.CHUNK));
        int c1 = Math.min(raster.columns(z) - 1, (int) Math.floor((width - originX) / MapRaster.CHUNK));
        int r1 = Math.min(raster.rows(z) - 1, (int) Math.floor((height - originY) / MapRaster.CHUNK));
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                g.drawImage(raster.chunk(c, r, z), originX + c * MapRaster.CHUNK, originY + r * MapRaster.CHUNK);
            }
        }
    }

    /** Area names; the tints and edges are baked into the map raster. */
    private void drawAreaLabels(GraphicsContext g, double left, double top, double right, double bottom) {
        if (labelsFor != raster.map()) {
            labelsFor = raster.map();
            labels = AreaLabels.place(labelsFor.areas(), labelsFor.widthPixels(), OfficeRenderer::label);
        }
        g.setFont(AREA_FONT);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        for (AreaLabels.Placed p : labels) {
            if (p.x() > right || p.y() > bottom || p.x() + p.width() < left || p.y() + AreaLabels.HEIGHT < top) {
                continue;
            }
            Color tint = AreaStyle.tint(p.area().kind());
            g.setFill(tint == null ? Color.rgb(30, 41, 59, 0.8) : tint.deriveColor(0, 1, 0.55, 0.85));
            g.fillRoundRect(p.x(), p.y(), p.width(), AreaLabels.HEIGHT, 10, 10);
            g.setFill(Color.WHITE);
            g.fillText(p.text(), p.x() + 6, p.y() + 2.5);
        }
    }

    private static String label(Area a) {
        String icon = switch (a.kind()) {
            case MEETING_ROOM -> "\u25A3 ";
            case SILENT_ZONE -> "\u2715 ";
            case STAGE -> "\u2605 ";
            case AUDIENCE -> "\u25CB ";
            case SPAWN -> "\u2192 ";
            default -> "";
        };
        if (a.name().isBlank()) {
            return icon + a.kind().label();
        }
        return a.kind() == AreaKindLabel.ROOM || a.kind() == AreaKindLabel.OTHER ? a.name()
                : icon + a.name() + " \u00B7 " + a.kind().label();
    }

    private void drawHearingRange(GraphicsContext g, AvatarView me, double r) {
        g.setFill(Color.rgb(56, 189, 248, 0.08));
        g.fillOval(me.x() - r, me.y() - r, 2 * r, 2 * r);
        g.setStroke(Color.rgb(14, 165, 233, 0.7));
        g.setLineWidth(2);
        g.setLineDashes(10, 8);
        g.strokeOval(me.x() - r, me.y() - r, 2 * r, 2 * r);
        g.setLineDashes();
    }

    private void drawPath(GraphicsContext g, AvatarView me, List<PathFinder.Point> path) {
        g.setStroke(Color.rgb(37, 99, 235, 0.75));
        g.setLineWidth(3);
        g.setLineCap(StrokeLineCap.ROUND);
        g.setLineDashes(2, 9);
        g.beginPath();
        g.moveTo(me.x(), me.y());
        for (PathFinder.Point p : path) {
            g.lineTo(p.x(), p.y());
        }
        g.stroke();
        g.setLineDashes();
        PathFinder.Point end = path.get(path.size() - 1);
        g.setFill(Color.rgb(37, 99, 235, 0.35));
        g.fillOval(end.x() - 9, end.y() - 5, 18, 10);
        g.setStroke(Color.rgb(37, 99, 235, 0.9));
        g.setLineWidth(2);
        g.strokeOval(end.x() - 9, end.y() - 5, 18, 10);
    }

    private void drawAvatars(GraphicsContext g, List<AvatarView> avatars, double left, double top, double right,
                             double bottom, double zoom) {
        // Zoomed far out, name tags are too small to read and hide the map: show them only for me,
        // whoever is ringed or speaking; everyone keeps a status dot over the head.
        boolean allNames = zoom >= NAMES_FROM_ZOOM;
        sorted.clear();
        for (AvatarView a : avatars) {
            if (a.x() >= left && a.x() <= right && a.y() >= top && a.y() <= bottom) {
                sorted.add(a);
            }
        }
        sorted.sort(BACK_TO_FRONT);
        double w = AvatarPainter.WIDTH;
        double h = AvatarPainter.HEIGHT;
        for (AvatarView a : sorted) {
            // A position is where the feet are: the sprite stands on it.
            double x0 = a.x() - w / 2;
            double y0 = a.y() - h + 4;
            if (a.speaking() || a.highlighted()) {
                g.setStroke(a.speaking() ? Color.web("#22c55e") : Color.web("#f59e0b"));
                g.setLineWidth(a.speaking() ? 3 : 2);
                g.strokeOval(a.x() - 15, a.y() - 7, 30, 13);
            }
            int step = a.walkPhase() < 0 ? 0 : (a.walkPhase() < 0.5 ? 1 : -1);
            g.drawImage(sprites.sprite(lookKey(a), a.facing(), step), x0, y0, w, h);
            g.setFill(SpriteCache.statusColor(a.status()));
            if (allNames || a.me() || a.highlighted() || a.speaking()) {
                Image tag = sprites.nameTag(a.name(), a.me());
                double tw = tag.getWidth() / SpriteCache.SCALE;
                double th = tag.getHeight() / SpriteCache.SCALE;
                double tx = a.x() - tw / 2;
                double ty = y0 - th - 2;
                g.drawImage(tag, tx, ty, tw, th);
                g.fillOval(tx + SpriteCache.statusDotX() - 4, ty + th / 2 - 4, 8, 8);
                Image face = photos.apply(a.userId());
                if (face != null) {
                    // the photo sits just left of the tag, as tall as the tag; the sprite stays
                    g.drawImage(face, tx - th - 2, ty, th, th);
                }
            } else {
                g.fillOval(a.x() - 5, y0 - 12, 10, 10);
            }
            if (a.muted()) {
                drawMuted(g, a.x() + w / 2 - 2, y0 + 2);
            }
            double iconY = y0 + (a.muted() ? 18 : 2);
            if (a.camera()) {
                drawCamera(g, a.x() + w / 2 - 2, iconY);
                iconY += 16;
            }
            if (a.sharing()) {
                drawScreen(g, a.x() + w / 2 - 2, iconY);
            }
        }
    }

    /** A small blue disc with a camera: their camera is on. */
    private static void drawCamera(GraphicsContext g, double x, double y) {
        g.setFill(Color.web("#2563eb"));
        g.fillOval(x - 7, y - 7, 14, 14);
        g.setFill(Color.WHITE);
        g.fillRoundRect(x - 4.5, y - 3, 6.5, 6, 2, 2);
        g.fillPolygon(new double[] {x + 2, x + 5, x + 5}, new double[] {y, y - 3, y + 3}, 3);
    }

    /** A small violet disc with a monitor: they share their screen. */
    private static void drawScreen(GraphicsContext g, double x, double y) {
        g.setFill(Color.web("#7c3aed"));
        g.fillOval(x - 7, y - 7, 14, 14);
        g.setStroke(Color.WHITE);
        g.setLineWidth(1.3);
        g.strokeRect(x - 4.5, y - 3.5, 9, 6);
        g.strokeLine(x, y + 2.5, x, y + 4.5);
        g.strokeLine(x - 2.5, y + 4.5, x + 2.5, y + 4.5);
    }

    /**
     * Which look an avatar gets: its avatar id once the person picked one; the server's default id
     * ({@value #DEFAULT_AVATAR}) means nobody chose, and then the user id spreads people over the
     * palettes so a crowd does not look like one person.
     */
    static String lookKey(AvatarView a) {
        return a.avatar() == null || a.avatar().equals(DEFAULT_AVATAR) ? a.userId() : a.avatar();
    }

    /** A small red disc with a slashed microphone. */
    private static void drawMuted(GraphicsContext g, double x, double y) {
        g.setFill(Color.web("#dc2626"));
        g.fillOval(x - 7, y - 7, 14, 14);
        g.setStroke(Color.WHITE);
        g.setLineWidth(1.5);
        g.strokeRoundRect(x - 2, y - 4.5, 4, 6.5, 4, 4);
        g.strokeLine(x, y + 2.5, x, y + 4.5);
        g.strokeLine(x - 4, y - 4, x + 4, y + 4);
    }
}
