package io.skyscope.desktop.office;

import atlantafx.base.theme.Styles;
import io.skyscope.desktop.chat.ChatPanel;
import io.skyscope.desktop.desks.DeskControls;
import io.skyscope.desktop.people.PeopleOverlays;
import io.skyscope.desktop.etiquette.EtiquetteBar;
import io.skyscope.desktop.etiquette.LifeOverlay;
import io.skyscope.desktop.people.PeoplePanel;
import io.skyscope.desktop.render.OfficeRenderer;
import io.skyscope.desktop.stage.MegaphoneControls;
import io.skyscope.desktop.stage.StagePanel;
import io.skyscope.client.Session;
import io.skyscope.desktop.ui.Appearance;
import io.skyscope.desktop.video.VideoOverlay;
import io.skyscope.desktop.voice.VoiceBar;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The office screen: a toolbar (space, where I am, lock, notes, knock and reactions, my desk, the
 * megaphone, status, zoom, theme, leave), the map canvas with the connection banner, notices, knock
 * and wave cards, the stage panel and the room's notes, a large video and my self-view over it and
 * the sharing bar, the megaphone's bar and the meeting room's video strip above it, people and chat
 * on the side, the voice bar below.
 */
public final class OfficeView extends BorderPane {
    private final OfficeCanvas canvas;
    private LifeOverlay life;

    public OfficeView(OfficeModel model, OfficeRenderer renderer, Appearance appearance) {
        setId("office-view");
        canvas = new OfficeCanvas(model, renderer);
        renderer.photos(model.profiles().photos()::round);
        canvas.setId("office-canvas");
        model.dark(appearance.darkProperty().get());
        appearance.darkProperty().addListener((obs, was, is) -> model.dark(is));

        setTop(toolbar(model, appearance));
        setCenter(centre(model));
        setBottom(new VoiceBar(model.voice()));
        sceneProperty().addListener((obs, was, is) -> {
            if (is != null) {
                canvas.start();
                canvas.requestFocus();
            } else {
                canvas.stop();
            }
        });
    }

    public OfficeCanvas canvas() {
        return canvas;
    }

    /** Knock and wave cards, and the notes editor, over the map. */
    public LifeOverlay life() {
        return life;
    }

    private HBox toolbar(OfficeModel model, Appearance appearance) {
        Label space = new Label(model.spaceName());
        space.getStyleClass().add(Styles.TITLE_4);
        Label area = new Label();
        area.setId("current-area");
        area.getStyleClass().add(Styles.TEXT_MUTED);
        area.textProperty().bind(model.currentAreaProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Button out = iconButton("\u2212", "Zoom out (−)", "zoom-out");
        out.setOnAction(e -> model.zoomOut());
        Label zoom = new Label();
        zoom.setMinWidth(44);
        zoom.setAlignment(Pos.CENTER);
        zoom.textProperty().bind(model.zoomProperty().multiply(100).asString("%.0f %%"));
        Button in = iconButton("+", "Zoom in (+)", "zoom-in");
        in.setOnAction(e -> model.zoomIn());
        ToggleButton dark = new ToggleButton("Dark");
        dark.setId("theme-toggle");
        dark.setTooltip(new Tooltip("Dark theme"));
        dark.selectedProperty().bindBidirectional(appearance.darkProperty());
        Button leave = new Button("Leave");
        leave.setId("leave-space");
        leave.getStyleClass().add(Styles.DANGER);
        leave.setOnAction(e -> model.leave());
        Button profile = new Button("Profile");
        profile.setId("edit-profile");
        profile.setTooltip(new Tooltip("Your photo, name, bio, time zone and email"));
        profile.setOnAction(e -> model.profiles().editor().open());
        Button following = new Button("Following");
        following.setId("following-toggle");
        following.setTooltip(new Tooltip("The people you follow and where they are"));
        following.setOnAction(e -> model.profiles().following().toggle());
        HBox bar = new HBox(8, space, area, new EtiquetteBar(model.etiquette(), model.guest()), gap,
                DeskControls.myDeskButton(model.desks()), MegaphoneControls.button(model.stage()), new StatusMenu(model), following, profile, out, zoom, in,
                dark, leave);
        if (model.guest()) {
            bar.getChildren().removeAll(following, profile); // a guest has no profile and follows no one
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("office-toolbar");
        return bar;
    }

    private SplitPane centre(OfficeModel model) {
        Label banner = new Label();
        banner.setId("link-banner");
        banner.getStyleClass().add("link-banner");
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setWrapText(true);
        banner.textProperty().bind(model.bannerProperty());
        banner.visibleProperty().bind(model.bannerVisibleProperty());
        Button retry = new Button("Reconnect now");
        retry.getStyleClass().add(Styles.SMALL);
        retry.setOnAction(e -> model.reconnectNow());
        retry.visibleProperty().bind(model.linkStateProperty().map(s -> s.state() == Session.State.RECONNECTING));
        banner.setGraphic(retry);
        banner.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
        model.linkStateProperty().addListener((obs, was, is) -> {
            banner.getStyleClass().remove("stopped");
            if (is.state() == Session.State.CLOSED) {
                banner.getStyleClass().add("stopped");
            }
        });
        StackPane.setAlignment(banner, Pos.TOP_CENTER);

        Label notice = new Label();
        notice.setId("office-notice");
        notice.getStyleClass().add("notice");
        notice.setWrapText(true);
        notice.setMaxWidth(420);
        notice.textProperty().bind(model.noticeProperty());
        notice.visibleProperty().bind(model.noticeProperty().isNotEmpty());
        notice.setMouseTransparent(true);
        StackPane.setAlignment(notice, Pos.BOTTOM_CENTER);
        StackPane.setMargin(notice, new Insets(0, 0, 16, 0));
        PauseTransition hide = new PauseTransition(Duration.seconds(6));
        hide.setOnFinished(e -> model.clearNotice());
        model.noticeProperty().addListener((obs, was, is) -> {
            if (!is.isEmpty()) {
                hide.playFromStart();
            }
        });
        VideoOverlay video = new VideoOverlay(model.voice().video());
        life = new LifeOverlay(model.etiquette(), model.desks());
        canvas.afterFrame(video::update);
        StagePanel stagePanel = new StagePanel(model.stage(), model.profiles().photos());
        StackPane.setAlignment(stagePanel, Pos.TOP_RIGHT);
        StackPane.setMargin(stagePanel, new Insets(12));
        StackPane map = new StackPane(canvas, video.large(), video.selfView(), life, stagePanel, banner, notice);
        if (!model.guest()) { // profile cards, my profile and the Following list are members' (REST refuses guests)
            PeopleOverlays.addTo(map, model.profiles()).addSetting(DeskControls.goToDeskSetting(model.desks()));
        }
        VBox.setVgrow(map, Priority.ALWAYS);
        VBox stage = new VBox(video.sharingBar(), MegaphoneControls.indicator(model.stage()), video.strip(), map);

        ChatPanel chat = new ChatPanel(model.chat());
        chat.showPeople(model.profiles().photos(), model.profiles().card()::show);
        SplitPane side = new SplitPane(new PeoplePanel(model), chat);
        side.setOrientation(Orientation.VERTICAL);
        side.setDividerPositions(0.42);
        side.getStyleClass().add("sidebar");
        side.setMinWidth(260);
        side.setPrefWidth(340);
        SplitPane split = new SplitPane(stage, side);
        split.setDividerPositions(0.72);
        SplitPane.setResizableWithParent(side, false);
        return split;
    }

    private static Button iconButton(String text, String tip, String id) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().addAll(Styles.FLAT);
        b.setMinWidth(32);
        b.setTooltip(new Tooltip(tip));
        return b;
    }
}
