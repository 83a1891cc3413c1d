package io.skyscope.desktop.e2e;

import static io.skyscope.desktop.e2e.TestServer.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.Session;
import io.skyscope.client.voice.HeadlessAudio;
import io.skyscope.client.voice.LinkState;
import io.skyscope.client.voice.SessionVoice;
import io.skyscope.client.voice.SignalSource;
import io.skyscope.client.voice.VoiceConfig;
import io.skyscope.client.voice.VoiceProcessing;
import io.skyscope.desktop.DesktopApp;
import io.skyscope.desktop.Features;
import io.skyscope.desktop.office.OfficeModel;
import io.skyscope.desktop.render.AvatarView;
import io.skyscope.desktop.settings.Settings;
import io.skyscope.desktop.voice.VoicePeer;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.rest.AuthResponse;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.collections.ListChangeListener;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;

/**
 * Voice in the desktop app against a real server, with real WebRTC between the app and a headless
 * client-core voice client. Only the app's sound devices are replaced, at the thin edge: the
 * headless backend (a synthetic microphone, a speaker that records) instead of Java Sound. The
 * desktop user walks over to Vic, and the test listens to what each side's speaker plays.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesktopVoiceEndToEndTest {
    /** Vic's tone and mine (one for each of my headsets): apart from each other and from the chime's 660 and 990 Hz. */
    private static final double VIC_HZ = 523;
    private static final double MY_HZ = 880;
    private static final double MY_SECOND_HZ = 740;
    /** Steady tones would be taken for noise by noise suppression: no microphone processing on either side. */
    private static final VoiceConfig CONFIG = VoiceConfig.defaults().withProcessing(VoiceProcessing.Options.NONE);
    private static final FxRobot robot = new FxRobot();
    private static final Headsets headsets = new Headsets();
    /** The first headset, the system's default, which the app opens at first. */
    private static final HeadlessAudio myAudio = headsets.first;
    private static final HeadlessAudio vicAudio = new HeadlessAudio();
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
        vic = server.register("vic", "Vic Voice");
        settings = Screens.settingsFor(server);
        app = Screens.launch(settings, Features.standard(() -> headsets, CONFIG));
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
    void walkingOverToVicConnectsTheCallAndIHearHerTone() {
        Screens.signInAndEnterTheOffice(robot, () -> app, me);
        OfficeModel office = app.office();
        Fx.until(TIMEOUT, "voice started", () -> office.voice().availableProperty().get());
        assertThat(robot.lookup("#voice-status").queryLabeled().getText()).isEqualTo("Nobody hears you");
        assertThat(robot.lookup("#voice-mute").queryLabeled().getText()).isEqualTo("Mic on");

        // Away from the lobby first, where Vic is about to appear.
        assertThat(Fx.get(() -> office.walkTo(1010, 240))).isTrue();
        Fx.until(TIMEOUT.multipliedBy(2), "in the open-plan office", () -> office.simulation().walker().path().isEmpty()
                && distance(office.simulation().myPosition(), new double[] {1010, 240}) < 1);
        vicSession = Session.open(server.api(), new Session.Credentials(vic.username(),
                TestServer.password(vic.username()), null), TestServer.OFFICE);
        vicVoice = SessionVoice.attach(vicSession, CONFIG.withChime(false), vicAudio, null, null);
        vicAudio.play(SignalSource.tone(VIC_HZ));
        Fx.until(TIMEOUT, "Vic in the people list", () -> office.people().stream()
                .anyMatch(p -> p.userId().equals(vic.userId())));
        assertThat(Fx.get(() -> office.voice().peers().isEmpty())).as("too far to hear each other").isTrue();

        Person v = vicSession.snapshot().self();
        assertThat(Fx.get(() -> office.walkTo(v.x() + 40, v.y()) || office.walkTo(v.x() - 40, v.y()))).isTrue();
        Fx.until(TIMEOUT.multipliedBy(2), "the call with Vic", () -> peer() != null && peer().connected());
        Fx.until(TIMEOUT, "standing still", () -> office.simulation().walker().path().isEmpty()
                && !office.simulation().walker().walking());
        assertThat(robot.lookup("#voice-peers").queryLabeled().getText()).isEqualTo("Talking with Vic Voice");
        Fx.until(TIMEOUT, "the notice", () -> office.noticeProperty().get()
                .equals("Vic Voice and you can hear each other now."));
        Fx.until(TIMEOUT, "who hears me", () -> robot.lookup("#voice-status").queryLabeled().getText()
                .equals("Heard by Vic Voice"));

        awaitHearing(myAudio, VIC_HZ, "Vic's tone on my speaker");
        assertThat(myAudio.recorder().dominantFrequency(100, 2000, 10, 300, 4)).isBetween(VIC_HZ - 8, VIC_HZ + 8);
    }

    @Test
    @Order(2)
    void vicsSpeakingRingShowsWhileHerVoiceArrives() {
        Fx.until(TIMEOUT, "Vic's speaking ring", () -> avatar(vic.userId()).speaking() && peer().speaking());
        vicAudio.play(SignalSource.SILENCE);
        Fx.until(TIMEOUT, "no ring once she is quiet", () -> !avatar(vic.userId()).speaking());
        vicAudio.play(SignalSource.tone(VIC_HZ));
        Fx.until(TIMEOUT, "the ring again", () -> avatar(vic.userId()).speaking());
    }

    @Test
    @Order(3)
    void muteInTheVoiceBarSilencesMeForVic() {
        myAudio.play(SignalSource.tone(MY_HZ));
        awaitHearing(vicAudio, MY_HZ, "my tone at Vic's");
        // The meter follows the voice bar's refresh (every 100 ms), which may come after Vic hears me.
        Fx.until(TIMEOUT, "my level meter up", () -> app.office().voice().micLevelProperty().get() > 0.5);

        robot.clickOn("#voice-mute");
        awaitSilence(vicAudio, MY_HZ, "my tone gone at Vic's");
        assertThat(robot.lookup("#voice-mute").queryLabeled().getText()).isEqualTo("Muted");
        Fx.until(TIMEOUT, "the bar says who would hear me", () -> robot.lookup("#voice-status").queryLabeled()
                .getText().equals("Muted: Vic Voice would hear you"));
        Fx.until(TIMEOUT, "Vic told I am muted", () -> vicLink().muted());
        Fx.until(TIMEOUT, "my own muted icon", () -> avatar(me.userId()).muted());
        Fx.until(TIMEOUT, "the meter still up while muted: a microphone test",
                () -> app.office().voice().micLevelProperty().get() > 0.5);

        robot.clickOn("#voice-mute");
        awaitHearing(vicAudio, MY_HZ, "my tone back at Vic's");
        Fx.until(TIMEOUT, "Vic told I am not muted", () -> !vicLink().muted());
    }

    @Test
    @Order(4)
    void myVolumeForVicMakesHerQuieterAndIsKept() {
        double before = loudestAmplitude(myAudio, VIC_HZ);
        robot.clickOn("#voice-peers");
        Slider volume = robot.lookup("#volume-" + vic.userId()).queryAs(Slider.class);
        Fx.run(() -> volume.setValue(0.25));
        robot.type(KeyCode.ESCAPE);
        Fx.until(TIMEOUT, "a quarter of the level", () -> amplitude(myAudio, VIC_HZ) < 0.35 * before
                && amplitude(myAudio, VIC_HZ) > 0.15 * before);
        assertThat(settings.volume(vic.userId())).isEqualTo(0.25);
        assertThat(Fx.get(() -> peer().volume())).isEqualTo(0.25);
        Fx.run(() -> app.office().voice().setVolume(vic.userId(), 1));
        Fx.until(TIMEOUT, "back to full", () -> amplitude(myAudio, VIC_HZ) > 0.8 * before);
    }

    @Test
    @Order(5)
    void pushToTalkSendsMeOnlyWhileTheKeyIsHeld() {
        robot.clickOn("#voice-ptt");
        awaitSilence(vicAudio, MY_HZ, "nothing from me until I press the key");
        assertThat(robot.lookup("#voice-status").queryLabeled().getText())
                .isEqualTo("Heard by Vic Voice while you hold T");
        Fx.run(() -> app.officeView().canvas().requestFocus());
        robot.press(KeyCode.T);
        try {
            awaitHearing(vicAudio, MY_HZ, "my tone while T is held");
            Fx.until(TIMEOUT, "shown as talking", () -> app.office().voice().transmittingProperty().get());
        } finally {
            robot.release(KeyCode.T);
        }
        awaitSilence(vicAudio, MY_HZ, "silence once T is released");
        assertThat(settings.pushToTalk()).as("kept for next time").isTrue();

        pick("#voice-talk-key", "V");
        assertThat(settings.talkKey()).isEqualTo("V");
        Fx.run(() -> app.officeView().canvas().requestFocus());
        robot.press(KeyCode.V);
        try {
            awaitHearing(vicAudio, MY_HZ, "my tone while V is held");
        } finally {
            robot.release(KeyCode.V);
        }
        awaitSilence(vicAudio, MY_HZ, "silence once V is released");
        robot.clickOn("#voice-ptt");
        awaitHearing(vicAudio, MY_HZ, "open microphone again");
    }

    @Test
    @Order(6)
    void deafenSilencesVicForMeAndMutesMe() {
        robot.clickOn("#voice-deafen");
        awaitSilence(myAudio, VIC_HZ, "Vic gone from my speaker");
        awaitSilence(vicAudio, MY_HZ, "me gone from Vic's");
        robot.clickOn("#voice-deafen");
        awaitHearing(myAudio, VIC_HZ, "Vic back");
    }

    @Test
    @Order(7)
    void aDroppedConnectionEndsTheCallTheRejoinStartsItAgainAndVicStillSeesMeMuted() {
        OfficeModel office = app.office();
        robot.clickOn("#voice-mute");
        Fx.until(TIMEOUT, "Vic told I am muted", () -> vicLink().muted());
        AtomicBoolean callEnded = new AtomicBoolean();
        Fx.run(() -> office.voice().peers().addListener((ListChangeListener<VoicePeer>) c -> {
            if (peer() == null || !peer().connected()) {
                callEnded.set(true);
            }
        }));

        Fx.run(office::reconnectNow);
        Fx.until(TIMEOUT, "the call ended with the connection", callEnded::get);
        Fx.until(TIMEOUT, "back online", () -> office.linkStateProperty().get().isOnline());
        Fx.until(TIMEOUT, "the call with Vic again", () -> peer() != null && peer().connected());
        // Vic's client knew nothing of my mute after the rejoin until mine said it again.
        Fx.until(TIMEOUT, "Vic told again that I am muted", () -> vicLink().muted()
                && vicLink().state() == LinkState.State.CONNECTED);
        awaitHearing(myAudio, VIC_HZ, "Vic on my speaker again");

        robot.clickOn("#voice-mute");
        awaitHearing(vicAudio, MY_HZ, "my tone at Vic's again");
    }

    @Test
    @Order(8)
    void aMicrophoneThatCannotBeOpenedIsReportedInADialogAndTheOldOneStays() {
        pick("#voice-input", "Headset 3 microphone");
        Fx.until(TIMEOUT, "the dialog", () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane dialog = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(Fx.get(dialog::getHeaderText)).isEqualTo("A sound device could not be opened");
        assertThat(Fx.get(() -> ((Labeled) dialog.getContent()).getText()))
                .contains("'Headset 3 microphone' could not be opened").contains("line busy")
                .contains("pick another microphone");
        robot.clickOn(robot.lookup(".dialog-pane .button").queryAs(javafx.scene.control.Button.class));
        Fx.until(TIMEOUT, "the voice bar back on the microphone in use", () -> Headsets.FIRST_MIC.equals(
                robot.lookup("#voice-input").queryComboBox().getValue()));
        assertThat(settings.inputDevice()).as("nothing kept").isEmpty();
        awaitHearing(vicAudio, MY_HZ, "my first microphone still going out");
    }

    @Test
    @Order(9)
    void pickingMySecondHeadsetInTheVoiceBarSwitchesMicrophoneAndSpeaker() {
        headsets.second.play(SignalSource.tone(MY_SECOND_HZ));
        pick("#voice-input", "Headset 2 microphone");
        awaitHearing(vicAudio, MY_SECOND_HZ, "my second microphone at Vic's");
        awaitSilence(vicAudio, MY_HZ, "my first microphone no longer");
        pick("#voice-output", "Headset 2 speaker");
        awaitHearing(headsets.second, VIC_HZ, "Vic on my second speaker");
        // The choice is saved on the JavaFX thread once the device is in use: it may follow the sound.
        Fx.until(TIMEOUT, "both choices kept", () ->
                settings.inputDevice().equals(Optional.of(Headsets.SECOND_MIC.id()))
                        && settings.outputDevice().equals(Optional.of(Headsets.SECOND_SPEAKER.id())));
    }

    @Test
    @Order(10)
    void leavingTheSpaceEndsTheCall() {
        robot.clickOn("#leave-space");
        Fx.until(TIMEOUT, "the space picker", () -> app.picker() != null && app.office() == null);
        org.awaitility.Awaitility.await("Vic's link to me closed").atMost(TIMEOUT)
                .until(() -> vicVoice.engine().snapshot().link(me.userId()) == null);
    }

    @Test
    @Order(11)
    void enteringAgainOpensTheHeadsetAndTheTalkKeyIPicked() {
        robot.clickOn("#enter-" + TestServer.OFFICE);
        Fx.until(TIMEOUT, "voice started again", () -> app.office() != null
                && app.office().voice().availableProperty().get());
        assertThat(Fx.get(() -> app.office().voice().inputDeviceProperty().get())).isEqualTo(Headsets.SECOND_MIC);
        assertThat(Fx.get(() -> app.office().voice().outputDeviceProperty().get()))
                .isEqualTo(Headsets.SECOND_SPEAKER);
        assertThat(robot.lookup("#voice-input").queryComboBox().getValue()).isEqualTo(Headsets.SECOND_MIC);
        assertThat(Fx.get(() -> app.office().voice().talkKeyProperty().get())).isEqualTo(KeyCode.V);
    }

    /** Opens a device list in the voice bar and clicks a device by its name. */
    private static void pick(String combo, String device) {
        Screens.pick(robot, combo, device);
    }

    private static VoicePeer peer() {
        return app.office().voice().peers().stream().filter(p -> p.userId().equals(vic.userId())).findFirst()
                .orElse(null);
    }

    private static LinkState vicLink() {
        LinkState l = vicVoice.engine().snapshot().link(me.userId());
        assertThat(l).as("Vic's link to me").isNotNull();
        return l;
    }

    private static AvatarView avatar(String userId) {
        return app.office().lastFrame().avatars().stream().filter(a -> a.userId().equals(userId)).findFirst()
                .orElseThrow();
    }

    /** The louder ear's amplitude of {@code hz} over the last 300 ms. */
    private static double amplitude(HeadlessAudio audio, double hz) {
        double[] a = audio.recorder().toneAmplitude(hz, 300);
        return Math.max(a[0], a[1]);
    }

    /** The louder ear's amplitude of {@code hz}, the loudest of four readings of 300 ms. */
    private static double loudestAmplitude(HeadlessAudio audio, double hz) {
        double[] a = audio.recorder().loudestToneAmplitude(hz, 300, 4);
        return Math.max(a[0], a[1]);
    }

    private static void awaitHearing(HeadlessAudio audio, double hz, String what) {
        org.awaitility.Awaitility.await(what).atMost(TIMEOUT).until(() -> amplitude(audio, hz) > 300);
    }

    private static void awaitSilence(HeadlessAudio audio, double hz, String what) {
        org.awaitility.Awaitility.await(what).atMost(TIMEOUT).until(() -> amplitude(audio, hz) < 20);
    }

    private static double distance(double[] a, double[] b) {
        return a == null || b == null ? Double.MAX_VALUE : Math.hypot(a[0] - b[0], a[1] - b[1]);
    }
}
