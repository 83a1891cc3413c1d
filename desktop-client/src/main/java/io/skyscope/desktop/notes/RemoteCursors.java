package io.skyscope.desktop.notes;

import io.skyscope.client.notes.RoomNotes;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.skin.TextAreaSkin;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/**
 * The others' cursors and selections drawn over a text area: a caret bar in each person's colour,
 * their name on a tag above it, and a tint over what they selected. Drawn again when the cursors
 * move, the text changes, or the area scrolls or resizes. Positions come from the text area's skin
 * ({@link TextAreaSkin#getCharacterBounds}), which measures inside its scrolled viewport.
 *
 * <p>Threads: FX thread only.
 */
final class RemoteCursors extends Pane {
    private static final Color[] COLOURS = {Color.web("#e11d48"), Color.web("#7c3aed"), Color.web("#0891b2"),
            Color.web("#ea580c"), Color.web("#16a34a"), Color.web("#c026d3")};

    private final TextArea area;
    private final ObservableList<RoomNotes.RemoteCursor> cursors;
    private boolean queued;

    RemoteCursors(TextArea area, ObservableList<RoomNotes.RemoteCursor> cursors) {
        this.area = area;
        this.cursors = cursors;
        setMouseTransparent(true);
        setManaged(true);
        cursors.addListener((ListChangeListener<RoomNotes.RemoteCursor>) c -> redraw());
        area.textProperty().addListener((obs, was, is) -> redraw());
        area.scrollTopProperty().addListener((obs, was, is) -> redraw());
        area.scrollLeftProperty().addListener((obs, was, is) -> redraw());
        area.widthProperty().addListener((obs, was, is) -> redraw());
        area.heightProperty().addListener((obs, was, is) -> redraw());
        area.skinProperty().addListener((obs, was, is) -> redraw());
    }

    /** Draws after the text area has laid out its text (a change may not be laid out yet). */
    void redraw() {
        if (!queued) {
            queued = true;
            Platform.runLater(() -> {
                queued = false;
                draw();
            });
        }
    }

    private void draw() {
        getChildren().clear();
        if (!(area.getSkin() instanceof TextAreaSkin skin) || cursors.isEmpty()) {
            return;
        }
        area.applyCss();
        area.layout();
        Node viewport = area.lookup(".viewport");
        if (viewport == null) {
            return;
        }
        int length = area.getLength();
        for (RoomNotes.RemoteCursor c : cursors) {
            Color colour = colour(c.userId());
            int head = Math.min(c.head(), length);
            int anchor = Math.min(c.anchor(), length);
            if (anchor != head) {
                selection(skin, viewport, Math.min(anchor, head), Math.max(anchor, head), colour);
            }
            Rectangle2D at = bounds(skin, head);
            Point2D p = toHere(viewport, at.getMinX(), at.getMinY());
            double h = Math.max(14, at.getHeight());
            Rectangle bar = new Rectangle(p.getX() - 1, p.getY(), 2, h);
            bar.setFill(colour);
            Label tag = new Label(c.displayName() == null ? "Someone" : c.displayName());
            tag.setId("notes-cursor-" + c.userId());
            tag.getStyleClass().add("notes-cursor-tag");
            tag.setStyle("-fx-background-color: " + web(colour) + ";");
            tag.setTextFill(Color.WHITE);
            tag.relocate(p.getX() - 1, Math.max(0, p.getY() - 16));
            getChildren().addAll(bar, tag);
        }
    }

    /** A tint over a selection: each line of it from the first character to the last. */
    private void selection(TextAreaSkin skin, Node viewport, int from, int to, Color colour) {
        Rectangle2D start = bounds(skin, from);
        Rectangle2D end = bounds(skin, to);
        Point2D a = toHere(viewport, start.getMinX(), start.getMinY());
        Point2D b = toHere(viewport, end.getMinX(), end.getMinY());
        double line = Math.max(12, start.getHeight());
        Color tint = colour.deriveColor(0, 1, 1, 0.25);
        if (Math.abs(a.getY() - b.getY()) < line / 2) {
            add(a.getX(), a.getY(), b.getX() - a.getX(), line, tint);
            return;
        }
        double right = getWidth() - 16;
        Point2D left = toHere(viewport, 0, 0);
        add(a.getX(), a.getY(), right - a.getX(), line, tint);
        if (b.getY() - a.getY() > line * 1.5) {
            add(left.getX(), a.getY() + line, right - left.getX(), b.getY() - a.getY() - line, tint);
        }
        add(left.getX(), b.getY(), b.getX() - left.getX(), line, tint);
    }

    /** A character's box; an empty text has none, and then the cursor stands at its start. */
    private static Rectangle2D bounds(TextAreaSkin skin, int index) {
        try {
            return skin.getCharacterBounds(index);
        } catch (RuntimeException e) {
            return new Rectangle2D(0, 0, 0, 16);
        }
    }

    private void add(double x, double y, double w, double h, Color fill) {
        Rectangle r = new Rectangle(x, y, Math.max(0, w), Math.max(0, h));
        r.setFill(fill);
        getChildren().add(r);
    }

    private Point2D toHere(Node viewport, double x, double y) {
        return sceneToLocal(viewport.localToScene(x, y));
    }

    static Color colour(String userId) {
        return COLOURS[Math.floorMod(userId.hashCode(), COLOURS.length)];
    }

    private static String web(Color c) {
        return String.format("#%02x%02x%02x", (int) (c.getRed() * 255), (int) (c.getGreen() * 255),
                (int) (c.getBlue() * 255));
    }
}
