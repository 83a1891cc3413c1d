package io.skyscope.desktop.people;

import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Circle;

/**
 * A round profile photo of a given size, or the person's initial on a disc while there is none.
 * FX thread only.
 */
public final class PhotoNode extends StackPane {
    private final Circle disc;
    private final Label initial = new Label();
    private final ImageView image = new ImageView();

    public PhotoNode(double size) {
        getStyleClass().add("photo-node");
        disc = new Circle(size / 2);
        disc.getStyleClass().add("photo-disc");
        initial.getStyleClass().add("photo-initial");
        initial.setStyle("-fx-font-size: " + Math.max(9, Math.round(size * 0.42)) + "px;");
        image.setFitWidth(size);
        image.setFitHeight(size);
        image.setSmooth(true);
        image.setClip(new Circle(size / 2, size / 2, size / 2));
        setMinSize(size, size);
        setPrefSize(size, size);
        setMaxSize(size, size);
        getChildren().addAll(disc, initial, image);
    }

    /** Shows {@code photo}, or {@code name}'s first letter when it is null. */
    public PhotoNode show(Image photo, String name) {
        image.setImage(photo);
        image.setVisible(photo != null);
        String n = name == null ? "" : name.strip();
        initial.setText(n.isEmpty() ? "?" : n.substring(0, n.offsetByCodePoints(0, 1)).toUpperCase());
        initial.setVisible(photo == null);
        disc.setVisible(photo == null);
        return this;
    }

    /** Whether a photo (not the initial) is shown; for tests. */
    public boolean showsPhoto() {
        return image.getImage() != null && image.isVisible();
    }
}
