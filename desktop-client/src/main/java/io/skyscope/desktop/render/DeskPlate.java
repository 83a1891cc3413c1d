package io.skyscope.desktop.render;

import javafx.scene.image.Image;

/**
 * A held desk's name plate as a frame draws it: the desk's rectangle on the map (pixels), its
 * holder's name and profile photo (null without one: their initials are drawn instead).
 *
 * @param mine the desk is mine
 */
public record DeskPlate(String desk, double x, double y, double width, double height, String holderId,
                        String holderName, Image photo, boolean mine) {
}
