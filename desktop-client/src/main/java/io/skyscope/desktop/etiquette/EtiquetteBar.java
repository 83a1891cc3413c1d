package io.skyscope.desktop.etiquette;

import atlantafx.base.theme.Styles;
import io.skyscope.protocol.Reactions;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * The office toolbar's etiquette controls: in a meeting room Lock / Unlock and Notes; at a
 * locked room I was stopped at, Knock; anywhere, the reaction picker.
 */
public final class EtiquetteBar extends HBox {

    public EtiquetteBar(EtiquetteModel model) {
        this(model, false);
    }

    /** @param guest a guest's bar: no Lock and no Notes, which the server refuses guests */
    public EtiquetteBar(EtiquetteModel model, boolean guest) {
        super(6);
        setAlignment(Pos.CENTER_LEFT);
        Button lock = new Button();
        lock.setId("room-lock");
        lock.getStyleClass().add(Styles.SMALL);
        lock.textProperty().bind(model.roomLockedProperty().map(locked -> locked ? "\uD83D\uDD13 Unlock" : "\uD83D\uDD12 Lock"));
        lock.setTooltip(new Tooltip("Lock this meeting room: nobody else can walk in, but they can knock"));
        lock.setOnAction(e -> model.toggleLock());
        inRoom(lock, model);

        Button notes = new Button("Notes");
        notes.setId("open-notes");
        notes.getStyleClass().add(Styles.SMALL);
        notes.setTooltip(new Tooltip("Open this room's shared notes"));
        notes.setOnAction(e -> model.openNotes());
        inRoom(notes, model);

        Button knock = new Button("Knock");
        knock.setId("knock");
        knock.getStyleClass().addAll(Styles.SMALL, Styles.ACCENT);
        knock.textProperty().bind(model.knockRoomProperty().map(r -> "Knock on " + r));
        knock.setTooltip(new Tooltip("Ask the people inside to let you in"));
        knock.visibleProperty().bind(model.knockRoomProperty().isNotEmpty());
        knock.managedProperty().bind(knock.visibleProperty());
        knock.setOnAction(e -> model.knock());

        MenuButton react = new MenuButton("\uD83D\uDE42 React");
        react.setId("react-menu");
        react.getStyleClass().add(Styles.SMALL);
        react.setTooltip(new Tooltip("Show a reaction above your avatar for a few seconds"));
        Reactions.EMOJI.forEach((code, glyph) -> {
            MenuItem item = new MenuItem(glyph + "  " + code.replace('_', ' '));
            item.setId("react-" + code);
            item.setOnAction(e -> model.react(code));
            react.getItems().add(item);
        });
        getChildren().addAll(lock, notes, knock, react);
        if (guest) {
            getChildren().removeAll(lock, notes);
        }
    }

    private static void inRoom(Button b, EtiquetteModel model) {
        b.visibleProperty().bind(model.roomProperty().isNotEmpty());
        b.managedProperty().bind(b.visibleProperty());
    }
}
