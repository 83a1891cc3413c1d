package io.skyscope.desktop.e2e;

import static io.skyscope.desktop.e2e.TestServer.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.onvoid.webrtc.media.FourCC;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoBufferConverter;
import dev.onvoid.webrtc.media.video.VideoFrame;
import io.skyscope.client.Session;
import io.skyscope.client.Walker;
import io.skyscope.client.video.ScreenSource;
import io.skyscope.client.video.TestPattern;
import io.skyscope.client.video.VideoCaptureException;
import io.skyscope.client.video.VideoDevice;
import io.skyscope.client.video.VideoKind;
import io.skyscope.client.voice.HeadlessAudio;
import io.skyscope.client.voice.SessionVoice;
import io.skyscope.client.voice.VoiceConfig;
import io.skyscope.desktop.DesktopApp;
import io.skyscope.desktop.Features;
import io.skyscope.desktop.map.Area;
import io.skyscope.desktop.map.AreaKindLabel;
import io.skyscope.desktop.map.OfficeMap;
import io.skyscope.map.PathFinder;
import io.skyscope.desktop.office.OfficeModel;
import io.skyscope.desktop.render.AvatarView;
import io.skyscope.desktop.settings.Settings;
import io.skyscope.desktop.video.VideoModel;
import io.skyscope.desktop.video.VideoTile;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.VoiceSettingsView;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.robot.Motion;

/**
 * Video in the desktop app against a real server, with real WebRTC between the app and Vic, a
 * headless client-core client whose camera and screen are client-core's synthetic test pattern.
 * What the app shows is read back from the very images it draws and decoded: the pattern carries a
 * frame counter and its capture time. The app's own camera and screen are the test pattern too (this
 * machine has neither a camera nor a display), picked through the voice bar as a person would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesktopVideoEndToEndTest {
    private static final VoiceConfig CONFIG = VoiceConfig.defaults().withChime(false);
    private static final String MY_SCREEN = "Test pattern screen";
    private static final String BROKEN_SCREEN = "A screen that was unplugged";
    private static final FxRobot robot = new FxRobot();
    private static TestServer server;
    private static Settings settings;
    private static DesktopApp app;
    private static AuthResponse me;
    private static AuthResponse vic;
    private static Session vicSession;
    private static SessionVoice vicVoice;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        me = server.register("desk", "Dana Desk");
        vic = server.register("vic", "Vic Video");
        settings = Screens.settingsFor(server);
        app = Screens.launch(settings, Features.standard(HeadlessAudio::new, () -> List.of(
                new VideoModel.ScreenChoice(MY_SCREEN, TestPattern::screen),
                new VideoModel.ScreenChoice(BROKEN_SCREEN, Unplugged::new)), CONFIG));
    }

    @AfterAll
    static void stop() throws Exception {
        if (vicVoice != null) {
            vicVoice.close();
        }
        if (vicSession != null) {
            vicSession.close();
        }
        Screens.shutDown(app, server, settings);
    }

    @Test
    @Order(1)
    void vicsCameraShowsInABubbleBesideHerAvatarWithFreshFramesOfHerPattern() {
        Screens.signInAndEnterTheOffice(robot, () -> app, me);
        OfficeModel office = app.office();
        Fx.until(TIMEOUT, "video available", () -> office.voice().video().availableProperty().get());
        assertThat(Fx.get(() -> office.walkTo(1010, 240))).isTrue();
        Fx.until(TIMEOUT.multipliedBy(2), "in the open-plan office", () -> office.simulation().walker().path().isEmpty()
                && !office.simulation().walker().walking());
        vicSession = Session.open(server.api(), new Session.Credentials(vic.username(),
                TestServer.password(vic.username()), null), TestServer.OFFICE);
        vicVoice = SessionVoice.attach(vicSession, CONFIG, new HeadlessAudio(), null, null);
        vicVoice.engine().useCamera(VideoDevice.testPattern());
        vicVoice.engine().setCamera(true);
        Fx.until(TIMEOUT, "Vic's camera icon, before any call", () -> avatar(vic.userId()) != null
                && avatar(vic.userId()).camera());
        Fx.until(TIMEOUT, "and in the people list", () -> robot.lookup("#camera-" + vic.userId()).tryQuery().isPresent());
        assertThat(Fx.get(() -> office.lastFrame().bubbles())).as("no call yet: no video").isEmpty();

        Person v = vicSession.snapshot().self();
        assertThat(Fx.get(() -> office.walkTo(v.x() + 40, v.y()) || office.walkTo(v.x() - 40, v.y()))).isTrue();
        Fx.until(TIMEOUT.multipliedBy(2), "Vic's bubble", () -> office.lastFrame().bubbles().containsKey(vic.userId()));
        VideoTile bubble = Fx.get(() -> office.lastFrame().bubbles().get(vic.userId()));
        assertThat(bubble.kind()).isEqualTo(VideoKind.CAMERA);
        TestPattern.Stamp first = awaitStamp(bubble, VideoKind.CAMERA, -1);
        TestPattern.Stamp later = awaitStamp(bubble, VideoKind.CAMERA, first.counter());
        assertThat(later.counter()).as("the picture moves on").isGreaterThan(first.counter());
        assertThat(System.currentTimeMillis() - later.wallMillis()).as("and is fresh").isLessThan(3_000);
    }

    @Test
    @Order(2)
    void clickingTheBubbleShowsVicLargeAndTheCrossClosesIt() {
        OfficeModel office = app.office();
        Fx.until(TIMEOUT, "standing still", () -> !office.simulation().walker().walking());
        double[] at = Fx.get(() -> bubbleCentre(vic.userId()));
        robot.moveTo(app.officeView().canvas(), Pos.TOP_LEFT, new Point2D(at[0], at[1]), Motion.DIRECT);
        robot.clickOn(MouseButton.PRIMARY);
        Fx.until(TIMEOUT, "the large view", () -> visible("#video-large"));
        assertThat(Fx.get(() -> text("#video-large-title"))).isEqualTo("Vic Video");
        robot.clickOn("#video-large-close");
        Fx.until(TIMEOUT, "closed", () -> !visible("#video-large"));
    }

    @Test
    @Order(3)
    void vicsScreenShareTakesTheLargeViewAndGoesWhenSheStops() {
        vicVoice.engine().shareScreen(TestPattern.screen());
        Fx.until(TIMEOUT, "Vic's screen, large", () -> visible("#video-large")
                && text("#video-large-title").equals("Vic Video's screen"));
        VideoTile screen = Fx.get(() -> app.office().voice().video().layout().large());
        assertThat(screen.kind()).isEqualTo(VideoKind.SCREEN);
        TestPattern.Stamp first = awaitStamp(screen, VideoKind.SCREEN, -1);
        awaitStamp(screen, VideoKind.SCREEN, first.counter());
        Fx.until(TIMEOUT, "her sharing icon", () -> avatar(vic.userId()).sharing());
        assertThat(Fx.get(() -> app.office().lastFrame().bubbles())).as("her camera stays beside her")
                .containsKey(vic.userId());

        vicVoice.engine().stopSharing();
        Fx.until(TIMEOUT, "the large view gone", () -> !visible("#video-large")
                && app.office().voice().video().layout().large() == null);
        Fx.until(TIMEOUT, "no sharing icon", () -> !avatar(vic.userId()).sharing());
    }

    @Test
    @Order(4)
    void vicTurningHerCameraOffTakesTheBubbleAway() {
        vicVoice.engine().setCamera(false);
        Fx.until(TIMEOUT, "no bubble", () -> !app.office().lastFrame().bubbles().containsKey(vic.userId()));
        Fx.until(TIMEOUT, "no camera icon", () -> !avatar(vic.userId()).camera());
        vicVoice.engine().setCamera(true);
        Fx.until(TIMEOUT, "the bubble again", () -> app.office().lastFrame().bubbles().containsKey(vic.userId()));
    }

    @Test
    @Order(5)
    void withNoCameraChosenAndNoneFoundTurningMineOnSaysSoAndTheCallGoesOn() {
        robot.clickOn("#video-camera");
        Fx.until(TIMEOUT, "a notice", () -> app.office().noticeProperty().get().endsWith("The call goes on with sound."));
        assertThat(Fx.get(() -> app.office().voice().video().cameraOnProperty().get())).isFalse();
        assertThat(Fx.get(() -> app.office().voice().peers().getFirst().connected())).isTrue();
    }

    @Test
    @Order(6)
    void myTestPatternCameraShowsInMySelfViewAndReachesVic() {
        Screens.pick(robot, "#video-camera-choice", "Test pattern");
        robot.clickOn("#video-camera");
        Fx.until(TIMEOUT, "my camera on", () -> app.office().voice().video().cameraOnProperty().get()
                && robot.lookup("#video-camera").queryAs(Labeled.class).getText().equals("Camera on"));
        Fx.until(TIMEOUT, "my self-view", () -> visible("#self-view")
                && app.office().voice().video().selfView().image() != null);
        assertThat(Fx.get(() -> robot.lookup("#self-view .image-view").queryAs(ImageView.class).getScaleX()))
                .as("mirrored").isEqualTo(-1);
        long before = vicVoice.engine().videoFrames(me.userId(), VideoKind.CAMERA);
        org.awaitility.Awaitility.await("my frames at Vic's").atMost(TIMEOUT)
                .until(() -> vicVoice.engine().videoFrames(me.userId(), VideoKind.CAMERA) > before + 10);
        Fx.until(TIMEOUT, "my camera icon", () -> avatar(me.userId()).camera());
        assertThat(settings.camera()).as("kept").contains(VideoDevice.TEST_PATTERN_ID);
    }

    @Test
    @Order(7)
    void sharingMyScreenShowsTheBarAndStopEndsIt() {
        robot.clickOn("#video-share");
        robot.clickOn(MY_SCREEN);
        Fx.until(TIMEOUT, "the sharing bar", () -> visible("#sharing-bar")
                && text("#sharing-text").startsWith("You are sharing your screen: " + MY_SCREEN));
        org.awaitility.Awaitility.await("my screen at Vic's").atMost(TIMEOUT)
                .until(() -> vicVoice.engine().videoFrames(me.userId(), VideoKind.SCREEN) > 5);
        robot.clickOn("#video-stop-sharing");
        Fx.until(TIMEOUT, "no bar", () -> !visible("#sharing-bar"));
        org.awaitility.Awaitility.await("Vic told I stopped").atMost(TIMEOUT)
                .until(() -> !vicVoice.engine().snapshot().link(me.userId()).video().screen());
    }

    @Test
    @Order(8)
    void aShareThatFailsSaysSoEndsTheBarAndTheCallGoesOn() {
        robot.clickOn("#video-share");
        robot.clickOn(BROKEN_SCREEN);
        Fx.until(TIMEOUT, "a notice", () -> app.office().noticeProperty().get().contains("unplugged"));
        Fx.until(TIMEOUT, "no bar", () -> !visible("#sharing-bar"));
        assertThat(Fx.get(() -> app.office().voice().peers().getFirst().connected())).isTrue();
    }

    @Test
    @Order(9)
    void enteringAgainPicksTheCameraIChose() {
        robot.clickOn("#leave-space");
        Fx.until(TIMEOUT, "the space picker", () -> app.picker() != null && app.office() == null);
        robot.clickOn("#enter-" + TestServer.OFFICE);
        Fx.until(TIMEOUT, "video again", () -> app.office() != null
                && app.office().voice().video().availableProperty().get()
                && VideoDevice.testPattern().equals(app.office().voice().video().cameraProperty().get()));
        assertThat(robot.lookup("#video-camera-choice").queryComboBox().getValue()).isEqualTo(VideoDevice.testPattern());
        assertThat(Fx.get(() -> app.office().voice().video().cameraOnProperty().get())).as("off until I turn it on")
                .isFalse();
    }

    @Test
    @Order(10)
    void inAMeetingRoomVicsCameraIsInTheStripAndTheStripSaysWhenTheSpaceLetsNoneThrough() {
        OfficeModel office = app.office();
        OfficeMap map = Fx.get(() -> office.simulation().map());
        Area room = map.areas().stream().filter(a -> a.kind() == AreaKindLabel.MEETING_ROOM).findFirst().orElseThrow();
        assertThat(Fx.get(() -> office.walkTo(room.x() + 48, room.y() + room.height() - 48))).isTrue();
        Person v = vicSession.snapshot().self();
        for (PathFinder.Point p : new PathFinder(map.collision()).find(v.x(), v.y(), room.x() + room.width() - 60,
                room.y() + 60)) {
            assertThat(Walker.walk(vicSession, p.x(), p.y())).as("Vic walks to %s", p).isTrue();
        }
        String tile = "#video-tile-" + vic.userId() + "-camera";
        Fx.until(TIMEOUT.multipliedBy(2), "Vic's camera in the strip above the map", () -> visible(tile)
                && !app.office().lastFrame().bubbles().containsKey(vic.userId()));
        assertThat(Fx.get(() -> text("#video-limit"))).isEmpty();
        robot.clickOn(tile);
        Fx.until(TIMEOUT, "Vic large", () -> visible("#video-large") && text("#video-large-title").equals("Vic Video"));
        robot.clickOn("#video-large-close");

        server.api().send("PUT", "api/v1/spaces/" + TestServer.OFFICE + "/voice-settings", me.accessToken(),
                new VoiceSettingsView(null, null, null, null, null, null, null, 0), VoiceSettingsView.class);
        Fx.until(TIMEOUT, "the strip says why there is no video", () -> text("#video-limit")
                .equals("This space shows no camera video; you still hear everyone")
                && robot.lookup(tile).tryQuery().isEmpty());
    }

    /** Waits for a picture of the pattern whose counter is past {@code after}, read from the image shown. */
    private static TestPattern.Stamp awaitStamp(VideoTile tile, VideoKind kind, long after) {
        TestPattern.Stamp[] seen = new TestPattern.Stamp[1];
        Fx.until(TIMEOUT, "a decodable picture past frame " + after, () -> {
            TestPattern.Stamp s = decode(tile.feed().image());
            seen[0] = s;
            return s != null && s.kind() == kind && s.counter() > after;
        });
        return seen[0];
    }

    /** The stamp of the pattern in an image the app shows, or null if it carries none. */
    private static TestPattern.Stamp decode(Image image) {
        if (image == null) {
            return null;
        }
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        byte[] bgra = new byte[w * h * 4];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getByteBgraInstance(), bgra, 0, w * 4);
        NativeI420Buffer buffer = NativeI420Buffer.allocate(w, h);
        try {
            VideoBufferConverter.convertToI420(bgra, buffer, FourCC.ARGB);
            return TestPattern.decode(new VideoFrame(buffer, System.nanoTime()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            buffer.release();
        }
    }

    /** Where a bubble is drawn in the canvas, found by asking the renderer what is under each point. */
    private static double[] bubbleCentre(String userId) {
        var canvas = app.officeView().canvas();
        for (int y = 0; y < canvas.getHeight(); y += 4) {
            for (int x = 0; x < canvas.getWidth(); x += 4) {
                if (userId.equals(canvas.bubbleAt(x, y))) {
                    return new double[] {x + 20, y + 20};
                }
            }
        }
        throw new AssertionError("no bubble of " + userId + " on the canvas");
    }

    /** There and shown, with every parent; on the FX thread. */
    private static boolean visible(String id) {
        Node n = robot.lookup(id).tryQuery().orElse(null);
        if (n == null) {
            return false;
        }
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }

    /** A label's text; on the FX thread. */
    private static String text(String id) {
        return robot.lookup(id).queryAs(Labeled.class).getText();
    }

    private static AvatarView avatar(String userId) {
        return app.office().lastFrame().avatars().stream().filter(a -> a.userId().equals(userId)).findFirst()
                .orElse(null);
    }

    /** A screen that goes away as soon as it is shared. */
    private static final class Unplugged implements ScreenSource {
        @Override
        public String name() {
            return BROKEN_SCREEN;
        }

        @Override
        public int framesPerSecond() {
            return 5;
        }

        @Override
        public NativeI420Buffer capture() {
            throw new VideoCaptureException("the screen was unplugged");
        }
    }
}
