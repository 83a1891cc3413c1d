package io.skyscope.desktop.people;

import atlantafx.base.theme.Styles;
import io.skyscope.protocol.rest.FollowingList.Followed;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** The Following list over the map: each person I follow, where they are, Locate and Go to. */
public final class FollowingView extends VBox {
    private static final Duration REFRESH = Duration.seconds(5);

    public FollowingView(FollowingModel model, Photos photos) {
        setId("following-panel");
        getStyleClass().addAll("card", "following-panel");
        setPadding(new Insets(14));
        setSpacing(8);
        setPrefWidth(340);
        setMaxSize(340, Region.USE_PREF_SIZE);
        Label title = new Label();
        title.getStyleClass().add(Styles.TITLE_4);
        title.textProperty().bind(Bindings.size(model.people()).asString("Following · %d"));
        Button close = new Button("\u2715");
        close.setId("following-close");
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        close.setOnAction(e -> model.close());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(8, title, gap, close);
        head.setAlignment(Pos.CENTER_LEFT);
        ListView<Followed> list = new ListView<>(model.people());
        list.setId("following-list");
        list.getStyleClass().add(Styles.DENSE);
        list.setPlaceholder(new Label("You follow nobody yet. Open someone's card and press Follow."));
        list.setCellFactory(v -> new Row(model, photos));
        photos.revisionProperty().addListener((obs, was, is) -> list.refresh());
        // as tall as its rows (up to the panel's height), not a fixed block of empty rows
        list.prefHeightProperty().bind(Bindings.max(64, Bindings.size(model.people()).multiply(58).add(6)));
        VBox.setVgrow(list, Priority.ALWAYS);
        Label error = new Label();
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        getChildren().addAll(head, error, list);
        visibleProperty().bind(model.visibleProperty());
        managedProperty().bind(visibleProperty());

        Timeline refresh = new Timeline(new KeyFrame(REFRESH, e -> model.refresh()));
        refresh.setCycleCount(Timeline.INDEFINITE);
        model.visibleProperty().addListener((obs, was, is) -> {
            if (is) {
                refresh.play();
            } else {
                refresh.stop();
            }
        });
    }

    private static final class Row extends ListCell<Followed> {
        private final FollowingModel model;
        private final Photos photos;

        Row(FollowingModel model, Photos photos) {
            this.model = model;
            this.photos = photos;
        }

        @Override
        protected void updateItem(Followed f, boolean empty) {
            super.updateItem(f, empty);
            setText(null);
            if (empty || f == null) {
                setGraphic(null);
                return;
            }
            if (f.photo() != null) {
                photos.version(f.userId(), f.photo());
            }
            PhotoNode face = new PhotoNode(32).show(f.photo() == null ? null : photos.photo(f.userId(), Photos.MEDIUM),
                    f.displayName());
            Label name = new Label(f.displayName());
            name.getStyleClass().add(Styles.TEXT_BOLD);
            Label where = new Label(FollowingModel.where(f));
            where.setId("following-where-" + f.userId());
            where.getStyleClass().addAll(Styles.TEXT_SMALL, f.online() ? Styles.TEXT_MUTED : Styles.TEXT_SUBTLE);
            Button locate = new Button("Locate");
            locate.setId("following-locate-" + f.userId());
            locate.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
            locate.setDisable(!model.here(f));
            locate.setOnAction(e -> model.locate(f));
            Button go = new Button("Go to");
            go.setId("following-goto-" + f.userId());
            go.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
            go.setDisable(f.spaceId() == null);
            go.setOnAction(e -> model.goTo(f));
            VBox text = new VBox(1, name, where, new HBox(2, locate, go));
            HBox box = new HBox(8, face, text);
            box.setAlignment(Pos.TOP_LEFT);
            setGraphic(box);
        }
    }
}
