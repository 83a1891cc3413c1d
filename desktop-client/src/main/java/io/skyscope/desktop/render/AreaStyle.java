package io.skyscope.desktop.render;

import io.skyscope.desktop.map.AreaKindLabel;
import javafx.scene.paint.Color;

/** How named areas look: a tint per kind; plain rooms are labelled but not tinted. */
final class AreaStyle {

    private AreaStyle() {
    }

    /** The kind's colour, or null for kinds drawn with a label only. */
    static Color tint(AreaKindLabel kind) {
        return switch (kind) {
            case MEETING_ROOM -> Color.web("#2563eb");
            case SILENT_ZONE -> Color.web("#7c3aed");
            case STAGE -> Color.web("#d97706");
            case AUDIENCE -> Color.web("#ca8a04");
            case SPAWN -> Color.web("#059669");
            case ROOM, OTHER -> null;
        };
    }

    /** Quiet or listening areas get a dashed edge, the others a solid one. */
    static boolean dashed(AreaKindLabel kind) {
        return kind == AreaKindLabel.SILENT_ZONE || kind == AreaKindLabel.AUDIENCE;
    }

    static int argb(Color c, double alpha) {
        return ((int) Math.round(alpha * 255) << 24) | ((int) Math.round(c.getRed() * 255) << 16)
                | ((int) Math.round(c.getGreen() * 255) << 8) | (int) Math.round(c.getBlue() * 255);
    }
}
