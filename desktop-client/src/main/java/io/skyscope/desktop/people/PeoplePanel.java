package io.skyscope.desktop.people;

import atlantafx.base.theme.Styles;
import io.skyscope.desktop.office.OfficeModel;
import io.skyscope.desktop.office.PersonRow;
import io.skyscope.desktop.ui.StatusLook;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Everyone in the space with their photo and status; locate, follow or message a person from their
 * row, and open their profile card by clicking their photo or name.
 */
public final class PeoplePanel extends VBox {

    public PeoplePanel(OfficeModel model) {
        getStyleClass().add("people-panel");
        Label title = new Label();
        title.getStyleClass().add(Styles.TITLE_4);
        title.textProperty().bind(javafx.beans.binding.Bindings.size(model.people()).asString("People here · %d"));
        ListView<PersonRow> list = new ListView<>(model.people());
        list.setId("people-list");
        list.getStyleClass().add(Styles.DENSE);
        list.setCellFactory(v -> new PersonCell(model));
        // photos arrive after the rows: draw the rows again when one does
        model.profiles().photos().revisionProperty().addListener((obs, was, is) -> list.refresh());
        list.setPlaceholder(new Label("Nobody is here yet."));
        VBox.setVgrow(list, Priority.ALWAYS);
        setSpacing(8);
        setPadding(new Insets(10));
        getChildren().addAll(title, list);
    }

    private static final class PersonCell extends ListCell<PersonRow> {
        private final OfficeModel model;

        PersonCell(OfficeModel model) {
            this.model = model;
        }

        @Override
        protected void updateItem(PersonRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label name = new Label(row.name() + (row.me() ? " (you)" : ""));
            name.getStyleClass().add(Styles.TEXT_BOLD);
            HBox title = new HBox(6, name);
            title.setAlignment(Pos.CENTER_LEFT);
            if (row.camera()) {
                title.getChildren().add(badge("Camera", "camera-" + row.userId(), "Their camera is on"));
            }
            if (row.sharing()) {
                title.getChildren().add(badge("Sharing", "sharing-" + row.userId(), "They share their screen"));
            }
            String detail = StatusLook.label(row.status())
                    + (row.statusText() == null || row.statusText().isBlank() ? "" : " — " + row.statusText())
                    + (row.area().isBlank() ? "" : " · " + row.area());
            Label sub = new Label(detail);
            sub.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            VBox text = new VBox(1, title, sub);
            PhotoNode photo = new PhotoNode(32).show(model.profiles().photos().photo(row.userId(), Photos.MEDIUM),
                    row.name());
            photo.setId("person-photo-" + row.userId());
            var dot = StatusLook.dot(row.status());
            StackPane face = new StackPane(photo, dot);
            StackPane.setAlignment(dot, Pos.BOTTOM_RIGHT);
            face.setMaxSize(34, 34);
            HBox box = new HBox(8, face, text);
            box.setAlignment(Pos.TOP_LEFT);
            // the face and the name open the profile card
            for (var opens : new javafx.scene.Node[] {face, title}) {
                opens.setCursor(javafx.scene.Cursor.HAND);
                opens.setOnMouseClicked(e -> model.profiles().card().show(row.userId()));
            }
            title.setId("person-" + row.userId());
            if (!row.me()) {
                boolean followingThem = row.userId().equals(model.followingProperty().get());
                HBox actions = new HBox(2,
                        action("Locate", "Show " + row.name() + " on the map", "locate-" + row.userId(),
                                () -> model.locate(row.userId())),
                        // "Walk with", not "Follow": following someone is the profile card's (alerts, Following list)
                        action(followingThem ? "Stop walking" : "Walk with",
                                followingThem ? "Stop walking after " + row.name() : "Walk after " + row.name(),
                                "follow-" + row.userId(), () -> {
                                    if (followingThem) {
                                        model.stopFollowing();
                                    } else {
                                        model.follow(row.userId());
                                    }
                                    updateItem(row, false);
                                }),
                        action("Message", "Write to " + row.name(), "message-" + row.userId(),
                                () -> model.message(row.userId())),
                        action("Wave", "Wave at " + row.name() + ": they get a notice", "wave-at-" + row.userId(),
                                () -> model.etiquette().wave(row.userId())));
                text.getChildren().add(actions);
            }
            setText(null);
            setGraphic(box);
        }

        private static Label badge(String text, String id, String tip) {
            Label l = new Label(text);
            l.setId(id);
            l.getStyleClass().addAll(Styles.TEXT_SMALL, "video-badge");
            l.setTooltip(new Tooltip(tip));
            return l;
        }

        private static Button action(String icon, String tip, String id, Runnable run) {
            Button b = new Button(icon);
            b.setId(id);
            b.getStyleClass().addAll(Styles.FLAT, Styles.SMALL, "person-action");
            b.setTooltip(new Tooltip(tip));
            b.setAccessibleText(tip);
            b.setOnAction(e -> run.run());
            return b;
        }
    }
}
