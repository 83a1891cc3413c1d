package io.skyscope.desktop.stage;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.skyscope.desktop.people.PhotoNode;
import io.skyscope.desktop.people.Photos;
import javafx.beans.InvalidationListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.shape.Circle;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The stage panel over the map, while I stand on a stage or in its audience: the stage's name, its
 * speakers large (photo, name, a ring while they speak), how many listen, and Raise hand / Lower
 * hand for a listener. For the space's owner and admins, also the floor requests, first raised
 * first, each with Give the floor, and Take the floor under each speaker; they see the requests
 * wherever they stand. Every control is a button, reached with Tab. FX thread only.
 */
public final class StagePanel extends VBox {
    private static final int PHOTO = 72;
    /** Rows of raised hands shown at once: the first raised are the ones to answer, and a stage may have hundreds. */
    private static final int MAX_HANDS_SHOWN = 50;

    private final StageModel model;
    private final Photos photos;
    private final Label title = new Label();
    private final FlowPane speakers = new FlowPane(10, 10);
    private final Label listeners = new Label();
    private final Button hand = new Button();
    private final VBox requests = new VBox(6);

    public StagePanel(StageModel model, Photos photos) {
        super(8);
        this.model = model;
        this.photos = photos;
        setId("stage-panel");
        getStyleClass().add("stage-panel");
        setPadding(new Insets(12));
        setMaxWidth(360);
        setMaxHeight(USE_PREF_SIZE);

        title.setId("stage-name");
        title.getStyleClass().add(Styles.TITLE_4);
        title.setWrapText(true);
        listeners.setId("stage-listeners");
        listeners.getStyleClass().add(Styles.TEXT_MUTED);
        speakers.setId("stage-speakers");
        speakers.setPrefWrapLength(330);
        hand.setId("stage-hand");
        hand.getStyleClass().add(Styles.SMALL);
        hand.setOnAction(e -> model.toggleHand());
        hand.setTooltip(new Tooltip("Ask the space's owner or an admin for the floor"));
        requests.setId("stage-requests");
        ScrollPane scroll = new ScrollPane(requests);
        scroll.setFitToWidth(true);
        scroll.setMaxHeight(220);
        scroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        scroll.visibleProperty().bind(model.managerProperty());
        scroll.managedProperty().bind(scroll.visibleProperty());
        getChildren().addAll(title, speakers, listeners, hand, scroll);

        InvalidationListener redraw = o -> show();
        model.stageProperty().addListener(redraw);
        model.speakers().addListener(redraw);
        model.hands().addListener(redraw);
        model.listenersProperty().addListener(redraw);
        model.handUpProperty().addListener(redraw);
        model.haveFloorProperty().addListener(redraw);
        model.managerProperty().addListener(redraw);
        photos.revisionProperty().addListener(redraw);
        show();
    }

    private void show() {
        // The rows are made afresh: a keyboard user's focus moves to the same button in the new ones.
        String focused = getScene() != null && getScene().getFocusOwner() != null
                && getScene().getFocusOwner() != hand ? getScene().getFocusOwner().getId() : null;
        String stage = model.stageProperty().get();
        boolean here = !stage.isEmpty();
        boolean manager = model.managerProperty().get();
        setVisible(here || manager && !model.hands().isEmpty());
        setManaged(isVisible());
        title.setText(here ? stage : "Stages");
        for (var node : new Region[] {speakers, listeners}) {
            node.setVisible(here);
            node.setManaged(here);
        }
        int n = model.listenersProperty().get();
        listeners.setText(n == 1 ? "1 person listening" : n + " people listening");
        boolean listener = here && !model.haveFloorProperty().get();
        hand.setVisible(listener);
        hand.setManaged(listener);
        boolean up = model.handUpProperty().get();
        hand.setText(up ? "Lower hand" : "Raise hand");
        hand.getStyleClass().remove(Styles.ACCENT);
        if (!up) {
            hand.getStyleClass().add(Styles.ACCENT);
        }

        speakers.getChildren().clear();
        if (model.speakers().isEmpty()) {
            Label none = new Label("Nobody has the floor yet.");
            none.setId("stage-no-speakers");
            none.getStyleClass().add(Styles.TEXT_MUTED);
            speakers.getChildren().add(none);
        }
        for (StageModel.Speaker s : model.speakers()) {
            speakers.getChildren().add(speaker(s, manager));
        }

        requests.getChildren().clear();
        Label heading = new Label(model.hands().isEmpty() ? "No raised hands." : "Raised hands, first raised first:");
        heading.getStyleClass().add(Styles.TEXT_MUTED);
        requests.getChildren().add(heading);
        for (StageModel.Hand h : model.hands().subList(0, Math.min(MAX_HANDS_SHOWN, model.hands().size()))) {
            Label who = new Label(h.name() + (h.stage().equals(stage) ? "" : " · " + h.stage()));
            who.setWrapText(true);
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            Button give = new Button("Give the floor");
            give.setId("give-floor-" + h.userId());
            give.getStyleClass().addAll(Styles.SMALL, Styles.SUCCESS);
            give.setOnAction(e -> model.giveFloor(h.userId()));
            HBox row = new HBox(6, who, gap, give);
            row.setId("hand-" + h.userId());
            row.setAlignment(Pos.CENTER_LEFT);
            requests.getChildren().add(row);
        }
        if (model.hands().size() > MAX_HANDS_SHOWN) {
            Label more = new Label("… and " + (model.hands().size() - MAX_HANDS_SHOWN) + " more after them.");
            more.getStyleClass().add(Styles.TEXT_MUTED);
            requests.getChildren().add(more);
        }
        if (focused != null) {
            var again = lookup("#" + focused);
            if (again != null) {
                again.requestFocus();
            }
        }
    }

    private VBox speaker(StageModel.Speaker s, boolean manager) {
        PhotoNode photo = new PhotoNode(PHOTO).show(photos.photo(s.userId(), Photos.LARGE), s.name());
        Circle ring = new Circle(PHOTO / 2.0 + 4);
        ring.getStyleClass().add("stage-speaking-ring");
        ring.setVisible(s.speaking());
        StackPane framed = new StackPane(ring, photo);
        Label name = new Label(s.name());
        name.getStyleClass().add(Styles.TEXT_BOLD);
        name.setWrapText(true);
        name.setMaxWidth(100);
        Label state = new Label(s.speaking() ? "speaking" : " ");
        state.getStyleClass().add(Styles.TEXT_SMALL);
        VBox card = new VBox(4, framed, name, state);
        card.setId("speaker-" + s.userId());
        card.setAlignment(Pos.TOP_CENTER);
        card.setPrefWidth(100);
        if (manager) {
            Button take = new Button("Take the floor");
            take.setId("take-floor-" + s.userId());
            take.getStyleClass().add(Styles.SMALL);
            take.setTooltip(new Tooltip("Make " + s.name() + " a listener again"));
            take.setOnAction(e -> model.takeFloor(s.userId()));
            card.getChildren().add(take);
        }
        return card;
    }
}
