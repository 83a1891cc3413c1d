package io.skyscope.desktop;

import javafx.application.Application;

/**
 * Starts the desktop client. A plain class, not an {@link Application}: launched from the class
 * path (as jpackage does), JavaFX refuses a main class that extends Application.
 * {@code --smoke-test} runs {@link SmokeRun} instead of the interactive app.
 */
public final class DesktopMain {

    private DesktopMain() {
    }

    public static void main(String[] args) {
        if (SmokeRun.requested(args)) {
            SmokeRun.main(args);
            return;
        }
        Application.launch(SkyScopeApplication.class, args);
    }
}
