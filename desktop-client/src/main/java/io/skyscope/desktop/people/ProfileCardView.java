package io.skyscope.desktop.people;

import atlantafx.base.theme.Styles;
import io.skyscope.desktop.ui.StatusLook;
import io.skyscope.protocol.rest.ProfileCard;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Someone's profile card over the map: photo, name, pronouns, job title, status, their local time,
 * followers and following, and bio, with Message, Locate and Follow. Esc or the close button hides it.
 */
public final class ProfileCardView extends VBox {
    private final ProfileCardModel model;
    private final Photos photos;
    private final PhotoNode photo = new PhotoNode(88);
    private final Label name = label("card-name", Styles.TITLE_3);
    private final Label pronouns = label("card-pronouns", Styles.TEXT_MUTED);
    private final Label job = label("card-job", null);
    private final Label status = label("card-status", Styles.TEXT_SMALL);
    private final Label time = label("card-time", Styles.TEXT_SMALL);
    private final Label bio = label("card-bio", null);
    private final Label error = label("card-error", Styles.DANGER);
    private final Label follows = label("card-follows", Styles.TEXT_SMALL);
    private final Button follow = new Button("Follow");
    private final Button message = new Button("Message");
    private final ProgressIndicator loading = new ProgressIndicator();

    public ProfileCardView(ProfileCardModel model, Photos photos) {
        this.model = model;
        this.photos = photos;
        setId("profile-card");
        getStyleClass().addAll("card", "profile-card");
        setPadding(new Insets(16));
        setSpacing(6);
        setMaxSize(320, Region.USE_PREF_SIZE);
        setPrefWidth(320);

        Button close = new Button("\u2715");
        close.setId("card-close");
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        close.setTooltip(new Tooltip("Close"));
        close.setOnAction(e -> model.close());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        VBox who = new VBox(2, name, pronouns, job, status);
        who.setAlignment(Pos.CENTER_LEFT);
        HBox head = new HBox(12, photo, who, gap, close);
        head.setAlignment(Pos.TOP_LEFT);
        bio.setWrapText(true);
        bio.setMinHeight(Region.USE_PREF_SIZE);
        error.setWrapText(true);
        loading.setPrefSize(22, 22);

        message.setId("card-message");
        message.getStyleClass().add(Styles.ACCENT);
        message.setOnAction(e -> {
            model.message();
            model.close();
        });
        Button locate = new Button("Locate");
        locate.setId("card-locate");
        locate.setOnAction(e -> model.locate());
        follow.setId("card-follow");
        follow.setOnAction(e -> model.toggleFollow());
        HBox actions = new HBox(8, message, locate, follow);
        getChildren().addAll(head, time, follows, bio, loading, error, actions);

        visibleProperty().bind(model.visibleProperty());
        managedProperty().bind(visibleProperty());
        model.cardProperty().addListener((obs, was, is) -> fill());
        model.userIdProperty().addListener((obs, was, is) -> fill());
        model.errorProperty().addListener((obs, was, is) -> fill());
        model.localTimeProperty().addListener((obs, was, is) -> fill());
        photos.revisionProperty().addListener((obs, was, is) -> fill());
        setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                model.close();
            }
        });
        Timeline clock = new Timeline(new KeyFrame(Duration.seconds(20), e -> model.tick()));
        clock.setCycleCount(Timeline.INDEFINITE);
        model.visibleProperty().addListener((obs, was, is) -> {
            if (is) {
                clock.play();
            } else {
                clock.stop();
            }
        });
    }

    private void fill() {
        ProfileCard c = model.cardProperty().get();
        String id = model.userIdProperty().get();
        loading.setVisible(c == null && model.errorProperty().get().isEmpty() && id != null);
        loading.setManaged(loading.isVisible());
        error.setText(model.errorProperty().get());
        show(error, !model.errorProperty().get().isEmpty());
        message.setVisible(!model.isMe());
        message.setManaged(message.isVisible());
        follow.setVisible(c != null && !model.isMe());
        follow.setManaged(follow.isVisible());
        if (c == null) {
            name.setText(id == null ? "" : "Loading…");
            photo.show(null, "");
            for (Label l : new Label[] {pronouns, job, status, time, follows, bio}) {
                show(l, false);
            }
            return;
        }
        set(follows, ProfileCardModel.follows(c));
        follow.setText(c.followedByYou() ? "Unfollow" : "Follow");
        follow.setDisable(!c.followable() && !c.followedByYou());
        follow.setTooltip(new javafx.scene.control.Tooltip(!c.followable() ? "They turned following off"
                : c.followedByYou() ? "Stop being told when they come online" : "Be told when they come online or"
                + " enter a space, and see them in your Following list"));
        name.setText(c.displayName() + (model.isMe() ? " (you)" : ""));
        photo.show(photos.photo(c.userId(), Photos.LARGE), c.displayName());
        set(pronouns, c.pronouns());
        set(job, c.jobTitle());
        set(status, StatusLook.label(c.status())
                + (c.statusText() == null || c.statusText().isBlank() ? "" : " — " + c.statusText()));
        set(time, model.localTimeProperty().get());
        set(bio, c.bio());
    }

    private static void set(Label l, String text) {
        l.setText(text == null ? "" : text);
        show(l, text != null && !text.isBlank());
    }

    private static void show(Label l, boolean shown) {
        l.setVisible(shown);
        l.setManaged(shown);
    }

    private static Label label(String id, String style) {
        Label l = new Label();
        l.setId(id);
        if (style != null) {
            l.getStyleClass().add(style);
        }
        return l;
    }
}
