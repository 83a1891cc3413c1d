package io.skyscope.desktop.e2e;

import static io.skyscope.desktop.e2e.TestServer.TIMEOUT;

import io.skyscope.desktop.DesktopApp;
import io.skyscope.desktop.Features;
import io.skyscope.desktop.settings.Settings;
import io.skyscope.protocol.rest.AuthResponse;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.prefs.Preferences;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** Starts and stops the app for a test, and steps through its screens as a person would. */
final class Screens {

    private Screens() {
    }

    /** Fresh settings of their own, pointing at the test server. */
    static Settings settingsFor(TestServer server) {
        Settings settings = new Settings(Preferences.userRoot().node("io/skyscope/desktop-test/" + UUID.randomUUID()));
        settings.server(server.address());
        return settings;
    }

    /** Starts the app in the primary stage; it shows the sign-in screen. */
    static DesktopApp launch(Settings settings, Features features) throws TimeoutException {
        return launch(settings, features, null);
    }

    /** As {@link #launch(Settings, Features)}, with {@code browser} standing in for the system browser. */
    static DesktopApp launch(Settings settings, Features features, java.util.function.Consumer<java.net.URI> browser)
            throws TimeoutException {
        Stage stage = FxToolkit.registerPrimaryStage();
        AtomicReference<DesktopApp> app = new AtomicReference<>();
        FxToolkit.setupFixture(() -> {
            app.set(browser == null ? new DesktopApp(stage, settings, features)
                    : new DesktopApp(stage, settings, features, browser));
            app.get().start();
        });
        return app.get();
    }

    /** Stops the app (leaving its space), then the server, and forgets the settings; each may be null. */
    static void shutDown(DesktopApp app, TestServer server, Settings settings) throws TimeoutException {
        if (app != null) {
            FxToolkit.setupFixture(app::stop);
        }
        FxToolkit.cleanupStages();
        if (server != null) {
            server.close();
        }
        if (settings != null) {
            settings.clear();
        }
    }

    /** Opens a list (a combo box) and clicks one of its items by the text it shows. */
    static void pick(FxRobot robot, String combo, String item) {
        robot.clickOn(combo);
        robot.clickOn(robot.lookup(".list-cell").match(cell -> item.equals(((javafx.scene.control.Labeled) cell)
                .getText())).queryLabeled());
    }

    /** Right-clicks the middle of a map desk on the office canvas, once the camera (easing after me) stands still. */
    static void rightClickDesk(FxRobot robot, DesktopApp app, io.skyscope.map.MapDesk desk) {
        var office = app.office();
        AtomicReference<Object> last = new AtomicReference<>();
        Fx.until(TIMEOUT, "the camera still", () -> {
            var now = office.simulation().camera();
            return now.equals(last.getAndSet(now));
        });
        javafx.geometry.Point2D onScreen = Fx.get(() -> {
            var cam = office.simulation().camera();
            var canvas = app.officeView().canvas();
            return canvas.localToScreen(cam.screenX(desk.x() + desk.width() / 2, canvas.getWidth()),
                    cam.screenY(desk.y() + desk.height() / 2, canvas.getHeight()));
        });
        robot.moveTo(onScreen).clickOn(javafx.scene.input.MouseButton.SECONDARY);
    }

    /** Waits for a menu item (or any labelled node) with this text, and clicks it. */
    static void clickLabelled(FxRobot robot, String text) {
        Fx.until(TIMEOUT, "'" + text + "'", () -> robot.lookup((javafx.scene.Node n) -> n instanceof
                javafx.scene.control.Labeled l && text.equals(l.getText())).tryQuery().isPresent());
        robot.clickOn(robot.lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.Labeled l
                && text.equals(l.getText())).queryLabeled());
    }

    /** Types the user's name and password, signs in, and enters the default office; waits until online there. */
    static void signInAndEnterTheOffice(FxRobot robot, Supplier<DesktopApp> app, AuthResponse user) {
        robot.clickOn("#username").write(user.username());
        robot.clickOn("#password").write(TestServer.password(user.username()));
        robot.clickOn("#sign-in");
        Fx.until(TIMEOUT, "the space picker", () -> app.get().picker() != null
                && robot.lookup("#enter-" + TestServer.OFFICE).tryQuery().isPresent());
        robot.clickOn("#enter-" + TestServer.OFFICE);
        Fx.until(TIMEOUT, "online in the office", () -> app.get().office() != null
                && app.get().office().linkStateProperty().get().isOnline()
                && app.get().office().simulation().myPosition() != null);
    }

    /** Walks me to a map point along the path finder and waits until I stand there. */
    static void walk(io.skyscope.desktop.office.OfficeModel office, double[] to) {
        org.assertj.core.api.Assertions.assertThat(Fx.get(() -> office.walkTo(to[0], to[1]))).isTrue();
        Fx.until(TIMEOUT.multipliedBy(3), "arriving at " + to[0] + "," + to[1], () -> {
            double[] at = office.simulation().myPosition();
            return at != null && Math.hypot(at[0] - to[0], at[1] - to[1]) < 1 && !office.simulation().walker().walking();
        });
    }

    /** Saves the window as a PNG in the folder named by {@code stage.shots}, if set. */
    static void shoot(DesktopApp app, String name) {
        String folder = System.getProperty("stage.shots");
        if (folder == null) {
            return;
        }
        try {
            java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of(folder));
            var image = Fx.get(() -> app.officeView().getScene().snapshot(null));
            var png = new java.awt.image.BufferedImage((int) image.getWidth(), (int) image.getHeight(),
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            io.skyscope.desktop.tools.ScreenshotTour.paint(png, image, 0, 0);
            javax.imageio.ImageIO.write(png, "png", dir.resolve(name).toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
