package io.skyscope.desktop.video;

import io.skyscope.client.video.VideoDevice;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The read-only side of a {@link VideoModel}: the writable wrappers its implementation sets, and
 * the read-only views the controls bind to. FX thread only.
 */
abstract class VideoProperties implements VideoModel {
    final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(false);
    final ReadOnlyBooleanWrapper cameraOn = new ReadOnlyBooleanWrapper(false);
    final ObservableList<VideoDevice> cameras = FXCollections.observableArrayList();
    final ReadOnlyObjectWrapper<VideoDevice> camera = new ReadOnlyObjectWrapper<>();
    final ReadOnlyStringWrapper sharing = new ReadOnlyStringWrapper("");
    final ObservableList<ScreenChoice> screens = FXCollections.observableArrayList();
    final ReadOnlyStringWrapper screensProblem = new ReadOnlyStringWrapper("");
    final ReadOnlyStringWrapper limit = new ReadOnlyStringWrapper("");
    final ReadOnlyObjectWrapper<VideoLayout> layout = new ReadOnlyObjectWrapper<>(VideoLayout.NONE);
    private final ObservableList<VideoDevice> camerasView = FXCollections.unmodifiableObservableList(cameras);
    private final ObservableList<ScreenChoice> screensView = FXCollections.unmodifiableObservableList(screens);

    @Override
    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty cameraOnProperty() {
        return cameraOn.getReadOnlyProperty();
    }

    @Override
    public ObservableList<VideoDevice> cameras() {
        return camerasView;
    }

    @Override
    public ReadOnlyObjectProperty<VideoDevice> cameraProperty() {
        return camera.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty sharingProperty() {
        return sharing.getReadOnlyProperty();
    }

    @Override
    public ObservableList<ScreenChoice> screens() {
        return screensView;
    }

    @Override
    public ReadOnlyStringProperty screensProblemProperty() {
        return screensProblem.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty limitProperty() {
        return limit.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyObjectProperty<VideoLayout> layoutProperty() {
        return layout.getReadOnlyProperty();
    }
}
