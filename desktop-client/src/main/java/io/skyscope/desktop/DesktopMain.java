package io.skyscope.desktop;

import javafx.application.Application;

/**
 * Starts the desktop client. A plain class, not an {@link Application}: launched from the class
 * path (as jpackage does), JavaFX refuses a main class that extends Application.
 */
public final class DesktopMain {

    private DesktopMain() {
    }

    public static void main(String[] args) {
        Application.launch(SkyScopeApplication.class, args);
    }
}
