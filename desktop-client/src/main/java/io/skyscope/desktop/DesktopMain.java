package io.skyscope.desktop;

import io.skyscope.client.InviteLink;
import java.util.List;
import javafx.application.Application;

/**
 * Starts the desktop client. A plain class, not an {@link Application}: launched from the class
 * path (as jpackage does), JavaFX refuses a main class that extends Application.
 * {@code --smoke-test} runs {@link SmokeRun} instead of the interactive app. A {@code skyscope://}
 * invite or guest link among the arguments (the system passes one when such a link is clicked, where
 * the installer registered the app for the scheme) is handed to the sign-in screen.
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

    /**
     * The first {@code skyscope://} argument as a link, or null if there is none; one that does not
     * parse is reported on standard error and ignored (the app still starts).
     */
    public static InviteLink launchLink(List<String> args) {
        for (String arg : args) {
            if (arg.regionMatches(true, 0, InviteLink.SCHEME + ":", 0, InviteLink.SCHEME.length() + 1)) {
                try {
                    return InviteLink.parse(arg);
                } catch (IllegalArgumentException e) {
                    System.err.println("SkyScope: ignoring the link it was opened with: " + e.getMessage());
                    return null;
                }
            }
        }
        return null;
    }
}
