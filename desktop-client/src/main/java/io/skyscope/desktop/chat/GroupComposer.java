package io.skyscope.desktop.chat;

import atlantafx.base.theme.Styles;
import io.skyscope.protocol.Person;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Starts a group conversation over the chat panel: a title (optional) and two or more of the
 * people in the space, ticked from a list. FX thread only.
 */
final class GroupComposer extends VBox {
    private final ChatModel model;
    private final TextField title = new TextField();
    private final VBox people = new VBox(4);
    private final Button create = new Button("Create group");
    private final List<CheckBox> picks = new ArrayList<>();

    GroupComposer(ChatModel model) {
        this.model = model;
        setId("group-composer");
        getStyleClass().addAll("card", "group-composer");
        setSpacing(8);
        setPadding(new Insets(12));
        setMaxHeight(USE_PREF_SIZE);
        setVisible(false);
        Label head = new Label("New group");
        head.getStyleClass().add(Styles.TITLE_4);
        title.setId("group-title");
        title.setPromptText("Name (optional), e.g. Launch crew");
        Label hint = new Label("Pick two or more people here:");
        hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        ScrollPane scroll = new ScrollPane(people);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(180);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        create.setId("group-create");
        create.getStyleClass().add(Styles.ACCENT);
        create.setDisable(true);
        create.setOnAction(e -> {
            List<String> chosen = picks.stream().filter(CheckBox::isSelected)
                    .map(c -> (String) c.getUserData()).toList();
            model.createGroup(chosen, title.getText());
            setVisible(false);
        });
        Button cancel = new Button("Cancel");
        cancel.setId("group-cancel");
        cancel.setOnAction(e -> setVisible(false));
        HBox buttons = new HBox(8, cancel, create);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(head, title, hint, scroll, buttons);
    }

    /** Shows the composer with everyone present now, nobody ticked. */
    void open() {
        title.clear();
        picks.clear();
        people.getChildren().clear();
        for (Person p : model.others()) {
            CheckBox box = new CheckBox(p.displayName());
            box.setId("group-pick-" + p.userId());
            box.setUserData(p.userId());
            box.selectedProperty().addListener((obs, was, is) -> create.setDisable(
                    picks.stream().filter(CheckBox::isSelected).count() < 2));
            picks.add(box);
            people.getChildren().add(box);
        }
        if (picks.isEmpty()) {
            Label none = new Label("Nobody else is here right now.");
            none.getStyleClass().add(Styles.TEXT_MUTED);
            people.getChildren().add(none);
        }
        create.setDisable(true);
        setVisible(true);
        title.requestFocus();
    }
}
