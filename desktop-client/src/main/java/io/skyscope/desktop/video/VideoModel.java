package io.skyscope.desktop.video;

import io.skyscope.client.video.ScreenSource;
import io.skyscope.client.video.VideoDevice;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;

/**
 * The screen model of video in the office: my camera (on or off, which one), my screen share, my
 * self-view, and where the streams that reach me are shown. The voice bar, the canvas and the video
 * overlay only read it and call its commands.
 *
 * <p>Threads: properties and commands belong to the FX thread; {@link #layout()} and
 * {@link #selfView()} may be read from any thread, their images only on the FX thread.
 */
public interface VideoModel {

    /** False until voice runs (video travels on the voice links), and for good if it cannot start. */
    ReadOnlyBooleanProperty availableProperty();

    ReadOnlyBooleanProperty cameraOnProperty();

    ObservableList<VideoDevice> cameras();

    ReadOnlyObjectProperty<VideoDevice> cameraProperty();

    /** What I share now ("Screen 1 (1920×1080)"), or empty when I share nothing. */
    ReadOnlyStringProperty sharingProperty();

    /** Screens I can share, listed again by {@link #refreshScreens()}; each shared as a whole. */
    ObservableList<ScreenChoice> screens();

    /** Why there is nothing to share (no display), or empty. */
    ReadOnlyStringProperty screensProblemProperty();

    /** In a meeting room with more cameras on than reach me: "Video from the 4 nearest of 6"; else empty. */
    ReadOnlyStringProperty limitProperty();

    /** My own camera's pictures while it is on. */
    VideoFeed selfView();

    /** Where the streams that reach me are shown now. */
    VideoLayout layout();

    /** Changes whenever {@link #layout()} does (FX thread). */
    ReadOnlyObjectProperty<VideoLayout> layoutProperty();

    void setCamera(boolean on);

    void selectCamera(VideoDevice camera);

    /** Lists the cameras again (one may have been plugged in). */
    void refreshCameras();

    void refreshScreens();

    void share(ScreenChoice screen);

    void stopSharing();

    /** Shows a stream large over the map; null goes back to the default (a screen share, if any). */
    void enlarge(VideoTile.Key stream);

    /** Closes the large view: a screen share then waits in the strip until clicked. */
    void closeLarge();

    /** A screen to share, by name; {@code open} makes the capture source when the user picks it. */
    record ScreenChoice(String name, java.util.function.Supplier<ScreenSource> open) {
        @Override
        public String toString() {
            return name;
        }
    }
}
