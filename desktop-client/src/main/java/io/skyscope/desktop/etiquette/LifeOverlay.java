package io.skyscope.desktop.etiquette;

import atlantafx.base.theme.Styles;
import io.skyscope.desktop.desks.DeskModel;
import io.skyscope.desktop.notes.NotesModel;
import io.skyscope.protocol.DeskEvent;
import io.skyscope.desktop.notes.NotesPanel;
import io.skyscope.protocol.EtiquetteEvent;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * What office life lays over the map: cards for the knocks waiting for my answer (Let in /
 * Decline), for a wave at me (Walk to them / Dismiss) and for notes left on my desk (Mark read)
 * at the top left, and the room's notes
 * editor docked on the right while open. Clicks anywhere else reach the map.
 */
public final class LifeOverlay extends StackPane {
    private final EtiquetteModel model;
    private final DeskModel desks;
    private final VBox cards = new VBox(8);
    private NotesPanel notes;

    public LifeOverlay(EtiquetteModel model, DeskModel desks) {
        this.model = model;
        this.desks = desks;
        setPickOnBounds(false);
        cards.setPickOnBounds(false);
        cards.setMaxWidth(340);
        cards.setMaxHeight(USE_PREF_SIZE);
        StackPane.setAlignment(cards, Pos.TOP_LEFT);
        StackPane.setMargin(cards, new Insets(12));
        getChildren().add(cards);
        model.knocks().addListener((ListChangeListener<EtiquetteModel.KnockNotice>) c -> showCards());
        model.waveProperty().addListener((obs, was, is) -> showCards());
        desks.notes().addListener((ListChangeListener<DeskEvent.Note>) c -> showCards());
        model.notesProperty().addListener((obs, was, is) -> showNotes(is));
        showCards();
    }

    /** The notes editor shown now, or null. */
    public NotesPanel notes() {
        return notes;
    }

    private void showCards() {
        cards.getChildren().clear();
        for (EtiquetteModel.KnockNotice k : model.knocks()) {
            String text = k.room() == null ? k.knockerName() + " knocks: they would like a word."
                    : k.knockerName() + " knocks on " + k.room() + ".";
            Button in = button(k.room() == null ? "Answer" : "Let in", "let-in-" + k.knockerId(), Styles.SUCCESS,
                    () -> model.answer(k, true));
            Button no = button("Decline", "decline-" + k.knockerId(), null, () -> model.answer(k, false));
            cards.getChildren().add(card("knock-" + k.knockerId(), "\u270A " + text, in, no));
        }
        EtiquetteEvent.Wave w = model.waveProperty().get();
        if (w != null) {
            String where = w.area() == null ? "" : " from " + w.area();
            Button go = button("Walk to them", "walk-to-waver", Styles.ACCENT, model::walkToWaver);
            Button no = button("Dismiss", "dismiss-wave", null, model::dismissWave);
            cards.getChildren().add(card("wave-notice", "\uD83D\uDC4B " + w.fromName() + " waves at you" + where + ".", go, no));
        }
        if (!desks.notes().isEmpty()) {
            StringBuilder text = new StringBuilder("\uD83D\uDCDD Left on your desk while you were away:");
            for (DeskEvent.Note n : desks.notes()) {
                text.append("\n").append(n.fromName()).append(": ").append(n.text());
            }
            cards.getChildren().add(card("desk-notes", text.toString(),
                    button("Mark read", "desk-notes-read", Styles.ACCENT, desks::markNotesRead)));
        }
    }

    private static VBox card(String id, String text, Button... actions) {
        Label l = new Label(text);
        l.setId(id + "-text");
        l.setWrapText(true);
        l.getStyleClass().add(Styles.TEXT_BOLD);
        HBox row = new HBox(6, actions);
        VBox card = new VBox(8, l, row);
        card.setId(id);
        card.getStyleClass().add("life-card");
        card.setPadding(new Insets(10));
        return card;
    }

    private static Button button(String text, String id, String style, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add(Styles.SMALL);
        if (style != null) {
            b.getStyleClass().add(style);
        }
        b.setOnAction(e -> action.run());
        return b;
    }

    private void showNotes(NotesModel open) {
        if (notes != null) {
            getChildren().remove(notes);
            notes = null;
        }
        if (open != null) {
            notes = new NotesPanel(open, model::closeNotes);
            StackPane.setAlignment(notes, Pos.CENTER_RIGHT);
            StackPane.setMargin(notes, new Insets(12));
            getChildren().add(notes);
        }
    }
}
