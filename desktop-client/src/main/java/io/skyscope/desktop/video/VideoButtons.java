package io.skyscope.desktop.video;

import io.skyscope.client.video.VideoDevice;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * The voice bar's video controls: the camera on or off, which camera, and Share (a whole screen;
 * AWT cannot capture one window of another program portably, and the menu says so). FX thread.
 */
public final class VideoButtons extends HBox {
    static final String WINDOWS_NOTE = "Whole screens only: sharing one window of another program is not possible here";

    public VideoButtons(VideoModel model) {
        super(8);
        setAlignment(Pos.CENTER_LEFT);

        ToggleButton camera = new ToggleButton();
        camera.setId("video-camera");
        camera.textProperty().bind(Bindings.when(model.cameraOnProperty()).then("Camera on").otherwise("Camera off"));
        camera.setSelected(model.cameraOnProperty().get());
        model.cameraOnProperty().addListener((obs, was, is) -> camera.setSelected(is));
        camera.setOnAction(e -> {
            model.setCamera(!model.cameraOnProperty().get());
            camera.setSelected(model.cameraOnProperty().get());
        });
        camera.setTooltip(new Tooltip("Turn your camera on or off: the people you talk to see you"));

        ComboBox<VideoDevice> cameras = new ComboBox<>(model.cameras());
        cameras.setId("video-camera-choice");
        cameras.setPromptText("Camera");
        cameras.setPrefWidth(130);
        cameras.setMinWidth(90);
        cameras.setCellFactory(list -> new CameraCell());
        cameras.setButtonCell(new CameraCell());
        cameras.setTooltip(new Tooltip("Camera: the list is read again each time you open it"));
        cameras.setOnShowing(e -> model.refreshCameras());
        cameras.setValue(model.cameraProperty().get());
        model.cameraProperty().addListener((obs, was, is) -> cameras.setValue(is));
        cameras.valueProperty().addListener((obs, was, is) -> {
            if (is != null && !is.equals(model.cameraProperty().get())) {
                model.selectCamera(is);
            }
        });

        MenuButton share = new MenuButton("Share screen");
        share.setId("video-share");
        share.setTooltip(new Tooltip("Share a whole screen with everyone in your call"));
        share.setOnShowing(e -> model.refreshScreens());
        model.screens().addListener((ListChangeListener<VideoModel.ScreenChoice>) c -> fill(share, model));
        model.screensProblemProperty().addListener((obs, was, is) -> fill(share, model));
        model.sharingProperty().addListener((obs, was, is) -> fill(share, model));
        fill(share, model);

        camera.setMinWidth(Region.USE_PREF_SIZE);
        share.setMinWidth(Region.USE_PREF_SIZE);
        for (var control : new javafx.scene.Node[] {camera, cameras, share}) {
            control.disableProperty().bind(model.availableProperty().not());
        }
        getChildren().addAll(camera, cameras, share);
    }

    private static void fill(MenuButton share, VideoModel model) {
        share.getItems().clear();
        if (!model.sharingProperty().get().isEmpty()) {
            MenuItem stop = new MenuItem("Stop sharing " + model.sharingProperty().get());
            stop.setId("video-share-stop");
            stop.setOnAction(e -> model.stopSharing());
            share.getItems().addAll(stop, new SeparatorMenuItem());
        }
        int n = 0;
        for (VideoModel.ScreenChoice s : model.screens()) {
            MenuItem item = new MenuItem(s.name());
            item.setId("video-share-" + n++);
            item.setOnAction(e -> model.share(s));
            share.getItems().add(item);
        }
        if (!model.screensProblemProperty().get().isEmpty()) {
            MenuItem none = new MenuItem(model.screensProblemProperty().get());
            none.setDisable(true);
            share.getItems().add(none);
        }
        MenuItem note = new MenuItem(WINDOWS_NOTE);
        note.setDisable(true);
        share.getItems().add(note);
    }

    private static final class CameraCell extends ListCell<VideoDevice> {
        @Override
        protected void updateItem(VideoDevice device, boolean empty) {
            super.updateItem(device, empty);
            setText(empty || device == null ? null : device.name());
        }
    }
}
