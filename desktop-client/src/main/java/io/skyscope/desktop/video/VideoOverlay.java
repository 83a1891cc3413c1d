package io.skyscope.desktop.video;

import atlantafx.base.theme.Styles;
import io.skyscope.client.video.VideoKind;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The video views around the office map: the "You are sharing your screen" bar with Stop, the
 * strip of meeting-room cameras (and screen shares not shown large) above the map, the large view
 * over the map, and my mirrored self-view in its corner. Rebuilt when the model's layout changes;
 * {@link #update()} takes each feed's newest picture, once per frame of the render loop.
 *
 * <p>Threads: FX thread only.
 */
public final class VideoOverlay {
    private static final double TILE_WIDTH = 176;
    private static final double TILE_HEIGHT = 99;

    private final VideoModel model;
    private final HBox sharingBar = new HBox(12);
    private final HBox strip = new HBox(8);
    private final BorderPane large = new BorderPane();
    private final Label largeTitle = new Label();
    private final VideoPicture largePicture = new VideoPicture();
    private final Label largePaused = paused();
    private final StackPane self = new StackPane();
    private final VideoPicture selfPicture = new VideoPicture();
    private final Label limit = new Label();
    private final List<Tile> tiles = new ArrayList<>();
    private VideoTile largeTile;

    public VideoOverlay(VideoModel model) {
        this.model = model;
        buildSharingBar();
        strip.setId("video-strip");
        strip.getStyleClass().add("video-strip");
        strip.setAlignment(Pos.CENTER_LEFT);
        limit.setId("video-limit");
        limit.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        limit.setWrapText(true);
        limit.setMaxWidth(220);
        limit.textProperty().bind(model.limitProperty());
        buildLarge();
        self.setId("self-view");
        self.getStyleClass().add("self-view");
        selfPicture.mirror();
        self.getChildren().add(selfPicture);
        self.setMaxSize(TILE_WIDTH, TILE_HEIGHT);
        self.setPrefSize(TILE_WIDTH, TILE_HEIGHT);
        self.visibleProperty().bind(model.cameraOnProperty());
        self.setMouseTransparent(true);
        StackPane.setAlignment(self, Pos.BOTTOM_RIGHT);
        StackPane.setMargin(self, new Insets(0, 12, 12, 0));
        model.layoutProperty().addListener((obs, was, is) -> lay(is));
        model.limitProperty().addListener((obs, was, is) -> showStrip());
        lay(model.layoutProperty().get());
    }

    /** Across the top of the office while I share my screen. */
    public HBox sharingBar() {
        return sharingBar;
    }

    /** Above the map: meeting-room cameras and waiting screen shares. */
    public HBox strip() {
        return strip;
    }

    /** Over the map, inset: the stream shown large. */
    public BorderPane large() {
        return large;
    }

    /** Over the map, bottom right: my camera, mirrored. */
    public StackPane selfView() {
        return self;
    }

    /** Once a frame: each shown picture takes its feed's newest image. */
    public void update() {
        for (Tile t : tiles) {
            t.picture.show(t.tile.feed().image(), t.tile.stalled());
        }
        if (largeTile != null) {
            largePicture.show(largeTile.feed().image(), largeTile.stalled());
        }
        if (self.isVisible()) {
            selfPicture.show(model.selfView().image(), false);
        }
    }

    private void buildSharingBar() {
        sharingBar.setId("sharing-bar");
        sharingBar.getStyleClass().add("sharing-bar");
        sharingBar.setAlignment(Pos.CENTER_LEFT);
        Label text = new Label();
        text.setId("sharing-text");
        text.textProperty().bind(model.sharingProperty().map(what -> "You are sharing your screen: " + what
                + ". Everyone in your call sees it."));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Button stop = new Button("Stop sharing");
        stop.setId("video-stop-sharing");
        stop.setOnAction(e -> model.stopSharing());
        sharingBar.getChildren().addAll(text, gap, stop);
        sharingBar.visibleProperty().bind(model.sharingProperty().isNotEmpty());
        sharingBar.managedProperty().bind(sharingBar.visibleProperty());
    }

    private void buildLarge() {
        large.setId("video-large");
        large.getStyleClass().add("video-large");
        largeTitle.setId("video-large-title");
        largeTitle.getStyleClass().add(Styles.TEXT_BOLD);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Button close = new Button("\u2715");
        close.setId("video-large-close");
        close.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        close.setTooltip(new Tooltip("Close the large view (a screen share waits in the strip above the map)"));
        close.setOnAction(e -> model.closeLarge());
        HBox header = new HBox(8, largeTitle, gap, close);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(0, 0, 6, 0));
        large.setTop(header);
        largePaused.visibleProperty().set(false);
        large.setCenter(new StackPane(largePicture, largePaused));
        large.setVisible(false);
        StackPane.setMargin(large, new Insets(24));
    }

    private void lay(VideoLayout layout) {
        strip.getChildren().clear();
        tiles.clear();
        for (VideoTile t : layout.strip()) {
            Tile view = new Tile(t);
            tiles.add(view);
            strip.getChildren().add(view.box);
        }
        strip.getChildren().add(limit);
        showStrip();
        largeTile = layout.large();
        large.setVisible(largeTile != null);
        if (largeTile != null) {
            largeTitle.setText(title(largeTile));
            largePaused.setVisible(largeTile.stalled());
        }
        update();
    }

    private void showStrip() {
        boolean any = !tiles.isEmpty() || !model.limitProperty().get().isEmpty();
        strip.setVisible(any);
        strip.setManaged(any);
    }

    private static String title(VideoTile t) {
        return t.kind() == VideoKind.SCREEN ? t.name() + "'s screen" : t.name();
    }

    private static Label paused() {
        Label l = new Label("video paused");
        l.getStyleClass().add("video-paused");
        l.setMouseTransparent(true);
        return l;
    }

    /** One tile of the strip: the picture, whose it is, paused when stalled; a click shows it large. */
    private final class Tile {
        final VideoTile tile;
        final VideoPicture picture = new VideoPicture();
        final StackPane box;

        Tile(VideoTile tile) {
            this.tile = tile;
            Label name = new Label(title(tile));
            StackPane.setAlignment(name, Pos.BOTTOM_LEFT);
            StackPane.setMargin(name, new Insets(0, 0, 3, 6));
            Label pausedLabel = paused();
            pausedLabel.setVisible(tile.stalled());
            box = new StackPane(picture, name, pausedLabel);
            box.setId("video-tile-" + tile.peerId() + "-" + tile.kind().name().toLowerCase(java.util.Locale.ROOT));
            box.getStyleClass().add("video-tile");
            box.setPrefSize(TILE_WIDTH, TILE_HEIGHT);
            box.setMinSize(TILE_WIDTH, TILE_HEIGHT);
            box.setMaxSize(TILE_WIDTH, TILE_HEIGHT);
            Tooltip.install(box, new Tooltip("Click to see " + title(tile) + " large"));
            box.setOnMouseClicked(e -> model.enlarge(tile.key()));
        }
    }
}
