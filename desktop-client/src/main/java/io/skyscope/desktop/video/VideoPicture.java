package io.skyscope.desktop.video;

import javafx.scene.effect.ColorAdjust;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Region;

/**
 * A video picture that fills its box, keeping its proportions, centred; greyed while stalled.
 * Takes the feed's newest image each frame ({@link #show}). FX thread.
 */
final class VideoPicture extends Region {
    private static final ColorAdjust STALLED = new ColorAdjust(0, -1, -0.35, 0);
    private final ImageView view = new ImageView();

    VideoPicture() {
        view.setPreserveRatio(true);
        view.setSmooth(true);
        getChildren().add(view);
        setMinSize(0, 0);
    }

    /** The picture to show now (null: nothing yet) and whether it stalled. */
    void show(Image image, boolean stalled) {
        if (view.getImage() != image) {
            view.setImage(image);
            requestLayout();
        }
        view.setEffect(stalled ? STALLED : null);
    }

    Image image() {
        return view.getImage();
    }

    /** Draws mirrored, as a mirror shows me (my self-view). */
    void mirror() {
        view.setScaleX(-1);
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        Image image = view.getImage();
        if (image == null || w <= 0 || h <= 0) {
            return;
        }
        double scale = Math.min(w / image.getWidth(), h / image.getHeight());
        double iw = image.getWidth() * scale;
        double ih = image.getHeight() * scale;
        view.setFitWidth(iw);
        view.setFitHeight(ih);
        view.relocate((w - iw) / 2, (h - ih) / 2);
    }
}
