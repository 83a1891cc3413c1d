package io.skyscope.desktop;

import io.skyscope.desktop.settings.Settings;
import io.skyscope.desktop.ui.Dialogs;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX application: hands the stage to {@link DesktopApp} and stops it on exit. */
public final class SkyScopeApplication extends Application {
    private DesktopApp app;

    @Override
    public void start(Stage stage) {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (Platform.isFxApplicationThread()) {
                Dialogs.unexpected(stage, e);
            } else {
                Platform.runLater(() -> Dialogs.unexpected(stage, e));
            }
        });
        var host = getHostServices();
        app = new DesktopApp(stage, Settings.user(), Features.DEFAULT,
                uri -> Platform.runLater(() -> host.showDocument(uri.toString())));
        app.start(DesktopMain.launchLink(getParameters().getRaw()));
    }

    @Override
    public void stop() {
        if (app != null) {
            app.stop();
        }
    }
}
