package io.skyscope.desktop.tools;

import io.skyscope.client.SkyScopeApi;
import io.skyscope.client.video.VideoDevice;
import io.skyscope.client.video.VideoKind;
import io.skyscope.client.voice.HeadlessAudio;
import io.skyscope.client.voice.VoiceConfig;
import io.skyscope.desktop.DesktopApp;
import io.skyscope.desktop.Features;
import io.skyscope.desktop.map.Area;
import io.skyscope.desktop.map.AreaKindLabel;
import io.skyscope.desktop.office.OfficeModel;
import io.skyscope.desktop.settings.Settings;
import io.skyscope.desktop.ui.FxThread;
import io.skyscope.desktop.video.VideoModel;
import io.skyscope.desktop.voice.VoicePeer;
import io.skyscope.protocol.Status;
import io.skyscope.protocol.rest.AuthResponse;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.control.MenuButton;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;

/**
 * Walks the real app through its screens against a live server and saves a PNG of each: sign-in,
 * space picker, the whole office, a close-up, the voice bar's call menu, the dark theme, the
 * sidebar with the chat panel, and video: camera bubbles beside avatars with my self-view, a
 * colleague's screen share large, the meeting room's camera strip, and my own share's bar; then
 * office life ({@link OfficeLifeTour}): a locked room and a knock, shared notes, a wave, reactions. The
 * bots' cameras and screen share (and mine) are client-core's synthetic test pattern. People's
 * screens (profile editor, card, photos, group chat) are in {@link PeopleTour}.
 * Run under a display (the screenshot script uses Xvfb).
 *
 * <p>Usage: {@code ScreenshotTour SERVER_URL OUT_DIR}
 */
public final class ScreenshotTour {
    private static DesktopApp app;
    private static Stage stage;

    private ScreenshotTour() {
    }

    public static void main(String[] args) throws Exception {
        try {
            tour(args);
        } catch (Exception | Error e) {
            // The FX thread would keep the JVM (and the script waiting on it) alive.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void tour(String[] args) throws Exception {
        URI server = URI.create(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        SkyScopeApi api = new SkyScopeApi(server);
        String username = "alex" + System.currentTimeMillis() % 100_000;
        String password = "tour of amber kites " + username;
        AuthResponse me = api.register(username, password, "Alex Rivera");

        Settings settings = new Settings(Preferences.userRoot().node("io/skyscope/desktop-tour/" + UUID.randomUUID()));
        settings.server(server.toString());
        Platform.startup(() -> { });
        Platform.setImplicitExit(false);
        fx(() -> {
            stage = new Stage();
            stage.setWidth(1440);
            stage.setHeight(900);
            // The machine that takes the screenshots has no sound card: a synthetic microphone (silent)
            // and a recording speaker stand in for Java Sound's devices; the rest is the real app.
            app = new DesktopApp(stage, settings, Features.standard(HeadlessAudio::new, VoiceConfig.defaults()));
            app.start();
            app.signIn().usernameProperty().set(me.username());
            app.signIn().passwordProperty().set(password);
            return null;
        });
        settle(1500);
        PeopleTour.guestSignIn(api, me, app, out);
        settle(500);
        shot(out.resolve("sign-in.png"));

        fx(() -> {
            app.signIn().submit();
            return null;
        });
        until(() -> app.picker() != null && office(app) != null);
        settle(1000);
        shot(out.resolve("space-picker.png"));

        fx(() -> {
            app.picker().enter(office(app));
            return null;
        });
        until(() -> app.office() != null && app.office().linkStateProperty().get().isOnline()
                && app.office().people().size() >= 6);
        OfficeModel office = fx(() -> app.office());
        fx(() -> {
            office.setStatus(Status.AVAILABLE);
            var map = office.simulation().map();
            Area room = map.areas().stream().filter(a -> a.kind() == AreaKindLabel.MEETING_ROOM).findFirst().orElseThrow();
            office.walkTo(room.x() + 48, room.y() + room.height() - 48);
            return null;
        });
        until(() -> office.simulation().walker().path().isEmpty());
        until(() -> office.voice().peers().stream().anyMatch(VoicePeer::connected));
        // A bot in the room shares its screen, which would cover the map: it waits in the strip for now.
        until(() -> office.voice().video().layout().large() != null);
        fx(() -> {
            office.voice().video().closeLarge();
            return null;
        });
        fx(() -> {
            double w = app.officeView().canvas().getWidth();
            double h = app.officeView().canvas().getHeight();
            var map = office.simulation().map();
            office.setZoom(Math.min(w / map.widthPixels(), h / map.heightPixels()) * 0.98);
            return null;
        });
        settle(4000);
        shot(out.resolve("office.png"));

        fx(() -> {
            office.setZoom(1.6);
            return null;
        });
        settle(2000);
        // The bots take turns speaking; wait for a moment when someone in view is.
        until(() -> office.lastFrame().avatars().stream().anyMatch(a -> a.speaking()
                && Math.hypot(a.x() - office.simulation().myPosition()[0], a.y() - office.simulation().myPosition()[1]) < 300));
        shot(out.resolve("office-closeup.png"));

        // The voice bar's call menu: who I talk with, how each link stands, a volume for each.
        MenuButton peers = fx(() -> (MenuButton) stage.getScene().lookup("#voice-peers"));
        until(() -> office.voice().peers().stream().anyMatch(VoicePeer::speaking));
        fx(() -> {
            peers.show();
            return null;
        });
        settle(800);
        shot(out.resolve("voice.png"));
        fx(() -> {
            peers.hide();
            return null;
        });

        fx(() -> {
            app.appearance().darkProperty().set(true);
            office.setZoom(1.0);
            return null;
        });
        settle(3000);
        shot(out.resolve("office-dark.png"));

        fx(() -> {
            app.appearance().darkProperty().set(false);
            String someone = office.people().stream().filter(p -> !p.me()).findFirst().orElseThrow().userId();
            office.locate(someone);
            var space = office.chat().channels().getFirst();
            office.chat().select(space);
            space.draftProperty().set("Morning all! I'm in the boardroom if anyone needs me.");
            office.chat().send(space, null);
            space.draftProperty().set("@ada can you share the agenda?");
            return null;
        });
        settle(2500);
        shot(out.resolve("chat.png"));
        PeopleTour.shots(office, out);

        videoShots(office, out);
        OfficeLifeTour.shots(api, app, office, out, ScreenshotTour::shot);

        fx(() -> {
            app.stop();
            stage.close();
            return null;
        });
        settings.clear();
        Platform.exit();
        System.exit(0);
    }

    /** Camera bubbles in open space, a screen share, the meeting room's strip, and my own share's bar. */
    private static void videoShots(OfficeModel office, Path out) throws Exception {
        VideoModel video = fx(() -> office.voice().video());
        until(() -> cameraOutsideMeetingRooms(office) != null);
        String lounge = fx(() -> cameraOutsideMeetingRooms(office));
        fx(() -> {
            office.chat().channels().getFirst().draftProperty().set("");
            video.selectCamera(VideoDevice.testPattern());
            video.setCamera(true);
            office.follow(lounge);
            office.setZoom(1.6);
            return null;
        });
        until(() -> office.lastFrame().bubbles().containsKey(lounge) && video.selfView().image() != null);
        settle(3000);
        shot(out.resolve("video-bubbles.png"));

        fx(() -> {
            office.stopFollowing();
            var map = office.simulation().map();
            Area room = map.areas().stream().filter(a -> a.kind() == AreaKindLabel.MEETING_ROOM).findFirst().orElseThrow();
            office.walkTo(room.x() + 48, room.y() + room.height() - 48);
            office.setZoom(1.2);
            return null;
        });
        until(() -> office.simulation().walker().path().isEmpty() && video.layout().large() != null
                && video.layout().large().kind() == VideoKind.SCREEN && video.layout().strip().size() >= 2);
        settle(2500);
        shot(out.resolve("screen-share.png"));

        fx(() -> {
            video.closeLarge();
            return null;
        });
        settle(2000);
        shot(out.resolve("video-room.png"));

        fx(() -> {
            video.refreshScreens();
            return null;
        });
        until(() -> !video.screens().isEmpty());
        fx(() -> {
            video.share(video.screens().getFirst());
            return null;
        });
        settle(2500);
        shot(out.resolve("sharing.png"));
        fx(() -> {
            video.stopSharing();
            video.setCamera(false);
            return null;
        });
    }

    /** Someone with their camera on who is not in a meeting room, or null. */
    private static String cameraOutsideMeetingRooms(OfficeModel office) {
        var map = office.simulation().map();
        var cameras = office.voice().snapshot().camera();
        return office.world().people().values().stream()
                .filter(p -> cameras.contains(p.userId()) && !p.userId().equals(office.world().me()))
                .filter(p -> map.areaAt(p.x(), p.y()).map(a -> a.kind() != AreaKindLabel.MEETING_ROOM).orElse(true))
                .map(io.skyscope.protocol.Person::userId).findFirst().orElse(null);
    }

    private static io.skyscope.protocol.rest.SpaceView office(DesktopApp app) {
        return java.util.stream.Stream.concat(app.picker().mySpaces().stream(), app.picker().publicSpaces().stream())
                .filter(s -> s.id().equals("office")).findFirst().orElse(null);
    }

    static <T> T fx(Callable<T> action) {
        return FxThread.call(action, Duration.ofSeconds(30));
    }

    static void until(Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!fx(condition)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the app did not get there within 60 s");
            }
            Thread.sleep(100);
        }
    }

    /** Lets animations and the camera settle; this is a demo script, not a test. */
    static void settle(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    /** The window's scene, with any open popup (a menu) drawn where it shows on the screen. */
    static void shot(Path file) throws Exception {
        WritableImage image = fx(() -> stage.getScene().snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        paint(png, image, 0, 0);
        List<double[]> origins = new ArrayList<>();
        List<WritableImage> popups = fx(() -> {
            List<WritableImage> shots = new ArrayList<>();
            double left = stage.getX() + stage.getScene().getX();
            double top = stage.getY() + stage.getScene().getY();
            for (Window window : Window.getWindows()) {
                if (window instanceof PopupWindow popup && popup.isShowing() && popup.getScene() != null) {
                    origins.add(new double[] {popup.getX() - left, popup.getY() - top});
                    shots.add(popup.getScene().snapshot(null));
                }
            }
            return shots;
        });
        for (int i = 0; i < popups.size(); i++) {
            paint(png, popups.get(i), (int) origins.get(i)[0], (int) origins.get(i)[1]);
        }
        try {
            ImageIO.write(png, "png", file.toFile());
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        System.out.println("wrote " + file);
    }

    /** Copies the opaque pixels of {@code image} into {@code png} at (x0, y0), clipped. */
    public static void paint(BufferedImage png, WritableImage image, int x0, int y0) {
        PixelReader reader = image.getPixelReader();
        for (int y = 0; y < (int) image.getHeight(); y++) {
            for (int x = 0; x < (int) image.getWidth(); x++) {
                int argb = reader.getArgb(x, y);
                int px = x0 + x;
                int py = y0 + y;
                if ((argb >>> 24) > 0x80 && px >= 0 && py >= 0 && px < png.getWidth() && py < png.getHeight()) {
                    png.setRGB(px, py, argb);
                }
            }
        }
    }
}
