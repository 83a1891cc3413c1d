package io.skyscope.desktop.ui;

import io.skyscope.desktop.render.SpriteCache;
import io.skyscope.protocol.Status;
import javafx.scene.shape.Circle;

/** How a status is named and shown in lists and menus. */
public final class StatusLook {

    private StatusLook() {
    }

    public static String label(Status status) {
        return switch (status == null ? Status.AVAILABLE : status) {
            case AVAILABLE -> "Available";
            case BUSY -> "Busy";
            case AWAY -> "Away";
            case DND -> "Do not disturb";
        };
    }

    public static Circle dot(Status status) {
        Circle c = new Circle(5, SpriteCache.statusColor(status));
        c.getStyleClass().add("status-dot");
        return c;
    }
}
