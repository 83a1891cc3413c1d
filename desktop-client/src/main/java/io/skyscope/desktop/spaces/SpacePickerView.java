package io.skyscope.desktop.spaces;

import atlantafx.base.theme.Styles;
import io.skyscope.protocol.rest.SpaceView;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** Pick a space to enter: mine, public ones, a new one, or one from an invite link. */
public final class SpacePickerView extends StackPane {

    public SpacePickerView(SpacePickerModel model) {
        setId("space-picker");
        getStyleClass().add("screen-background");
        Label title = new Label("Where to?");
        title.getStyleClass().add(Styles.TITLE_2);
        Label who = new Label("Signed in as " + model.username() + " on " + model.serverAddress());
        who.getStyleClass().add(Styles.TEXT_MUTED);
        Button signOut = new Button("Sign out");
        signOut.setId("sign-out");
        signOut.getStyleClass().add(Styles.FLAT);
        signOut.setOnAction(e -> model.signOut());
        Button refresh = new Button("Refresh");
        refresh.getStyleClass().add(Styles.FLAT);
        refresh.setOnAction(e -> model.refresh());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(8, new VBox(2, title, who), gap, refresh, signOut);
        head.setAlignment(Pos.CENTER_LEFT);

        Label error = new Label();
        error.setId("space-error");
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        VBox lists = new VBox(10,
                section("My spaces", list("my-spaces", model.mySpaces(), model, "You are not a member of any space yet.")),
                section("Public spaces", list("public-spaces", model.publicSpaces(), model, "No other public spaces.")));
        HBox.setHgrow(lists, Priority.ALWAYS);

        TextField name = new TextField();
        name.setId("new-space-name");
        name.setPromptText("Name of the new space");
        CheckBox isPublic = new CheckBox("Anyone on this server can enter");
        isPublic.setSelected(true);
        Button create = new Button("Create space");
        create.setId("create-space");
        create.setOnAction(e -> model.create(name.getText(), isPublic.isSelected()));
        TextField invite = new TextField();
        invite.setId("invite-link");
        invite.setPromptText("Paste an invite link or code");
        Button join = new Button("Join");
        join.setId("join-invite");
        join.setOnAction(e -> model.joinInvite(invite.getText()));
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(22, 22);
        spinner.visibleProperty().bind(model.busyProperty());
        VBox side = new VBox(10, heading("Create a space"), name, isPublic, create,
                heading("Have an invite?"), invite, join, spinner);
        side.setPrefWidth(280);
        side.setMinWidth(240);

        HBox body = new HBox(20, lists, side);
        VBox card = new VBox(14, head, error, body);
        card.getStyleClass().add("card");
        card.setPadding(new Insets(24));
        card.setMaxSize(900, 620);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().add(card);
        setPadding(new Insets(24));
        model.refresh();
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_4);
        return l;
    }

    private static VBox section(String title, ListView<SpaceView> list) {
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox box = new VBox(6, heading(title), list);
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    private static ListView<SpaceView> list(String id, ObservableList<SpaceView> items, SpacePickerModel model,
                                            String empty) {
        ListView<SpaceView> list = new ListView<>(items);
        list.setId(id);
        list.setPlaceholder(new Label(empty));
        list.setPrefHeight(200);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(SpaceView s, boolean isEmpty) {
                super.updateItem(s, isEmpty);
                if (isEmpty || s == null) {
                    setGraphic(null);
                    return;
                }
                Label name = new Label(s.name());
                name.getStyleClass().add(Styles.TEXT_BOLD);
                Label detail = new Label(("private".equals(s.visibility()) ? "Private" : "Public")
                        + (s.myRole() == null ? "" : " · " + s.myRole()));
                detail.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
                Button enter = new Button("Enter");
                enter.setId("enter-" + s.id());
                enter.getStyleClass().add(Styles.ACCENT);
                enter.setOnAction(e -> model.enter(s));
                Region gap = new Region();
                HBox.setHgrow(gap, Priority.ALWAYS);
                HBox row = new HBox(10, new VBox(2, name, detail), gap, enter);
                row.setAlignment(Pos.CENTER_LEFT);
                row.getStyleClass().add("space-row");
                setGraphic(row);
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                model.enter(list.getSelectionModel().getSelectedItem());
            }
        });
        return list;
    }
}
