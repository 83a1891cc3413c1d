package io.skyscope.desktop.notes;

import atlantafx.base.theme.Styles;
import io.skyscope.client.notes.RoomNotes;
import io.skyscope.protocol.NotesEvent;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The shared notes editor of a meeting room: a text area whose edits become the room's notes, the
 * others' cursors and selections with their names over it ({@link RemoteCursors}), the saved
 * versions to restore, and a line that says what is going on.
 *
 * <p>Threads: FX thread only.
 */
public final class NotesPanel extends VBox implements NotesModel.Editor {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM HH:mm").withZone(ZoneId.systemDefault());

    private final NotesModel model;
    private final TextArea area = new TextArea();
    private final RemoteCursors overlay;
    /** True while others' edits are put into the text area: those are not mine to send. */
    private boolean applying;

    public NotesPanel(NotesModel model, Runnable onClose) {
        this.model = model;
        setId("notes-panel");
        getStyleClass().add("notes-panel");
        setSpacing(6);
        setPadding(new Insets(10));
        setMaxWidth(420);
        setPrefWidth(400);

        Label title = new Label("Notes · " + model.room());
        title.getStyleClass().add(Styles.TITLE_4);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        MenuButton history = new MenuButton("History");
        history.setId("notes-history");
        history.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        history.setTooltip(new Tooltip("Saved versions of these notes; pick one to restore it"));
        history.setOnShowing(e -> model.loadVersions());
        showVersions(history, model.versions());
        model.versions().addListener((ListChangeListener<NotesEvent.Version>) c -> showVersions(history, model.versions()));
        Button close = new Button("\u2715");
        close.setId("notes-close");
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        close.setTooltip(new Tooltip("Close the notes"));
        close.setOnAction(e -> onClose.run());
        HBox head = new HBox(6, title, gap, history, close);
        head.setAlignment(Pos.CENTER_LEFT);

        area.setId("notes-text");
        area.setWrapText(true);
        area.setPromptText("Write the meeting's notes here; everyone in the room sees them as you type.");
        area.setEditable(false);
        area.editableProperty().bind(model.readyProperty().and(model.closedProperty().not()));
        area.setTextFormatter(new TextFormatter<String>(change -> {
            if (applying || !change.isContentChange()) {
                return change;
            }
            return model.edit(change.getRangeStart(), change.getRangeEnd() - change.getRangeStart(), change.getText())
                    ? change : null;
        }));
        area.caretPositionProperty().addListener((obs, was, is) -> mySelection());
        area.anchorProperty().addListener((obs, was, is) -> mySelection());
        overlay = new RemoteCursors(area, model.cursors());
        StackPane editor = new StackPane(area, overlay);
        VBox.setVgrow(editor, Priority.ALWAYS);

        Label status = new Label();
        status.setId("notes-status");
        status.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        getChildren().addAll(head, editor, status);
        model.attach(this);
    }

    public TextArea textArea() {
        return area;
    }

    @Override
    public void reset(String text) {
        applying = true;
        try {
            int caret = Math.min(area.getCaretPosition(), text.length());
            area.setText(text);
            area.positionCaret(caret);
        } finally {
            applying = false;
        }
        overlay.redraw();
    }

    @Override
    public void changed(List<RoomNotes.TextEdit> edits) {
        applying = true;
        try {
            int anchor = area.getAnchor();
            int caret = area.getCaretPosition();
            for (RoomNotes.TextEdit e : edits) {
                area.replaceText(e.index(), e.index() + e.deleted(), e.inserted());
                anchor = shifted(anchor, e);
                caret = shifted(caret, e);
            }
            area.selectRange(anchor, caret);
        } finally {
            applying = false;
        }
        overlay.redraw();
    }

    /**
     * Where a position of mine goes when someone else edits: before their edit it stays, after it
     * it moves by what they added or removed, inside what they removed it goes to where that was.
     */
    static int shifted(int position, RoomNotes.TextEdit e) {
        if (position <= e.index()) {
            return position;
        }
        if (position >= e.index() + e.deleted()) {
            return position - e.deleted() + e.inserted().length();
        }
        return e.index();
    }

    private void mySelection() {
        if (!applying) {
            model.select(area.getAnchor(), area.getCaretPosition());
        }
    }

    private void showVersions(MenuButton history, List<NotesEvent.Version> versions) {
        history.getItems().clear();
        if (versions.isEmpty()) {
            MenuItem none = new MenuItem("No saved versions yet: one is kept after five minutes of writing and when everyone has left");
            none.setDisable(true);
            history.getItems().add(none);
            return;
        }
        for (NotesEvent.Version v : versions) {
            String editors = String.join(", ", v.editors().stream().map(model::nameOf).toList());
            MenuItem item = new MenuItem("Restore " + TIME.format(v.savedAt()) + " · " + v.length() + " characters"
                    + (editors.isEmpty() ? "" : " · " + editors));
            item.setId("notes-version-" + v.id());
            item.setOnAction(e -> model.restore(v));
            history.getItems().add(item);
        }
    }
}
