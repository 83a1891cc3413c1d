package io.skyscope.desktop.e2e;

import static io.skyscope.desktop.e2e.TestServer.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.Session;
import io.skyscope.client.voice.VoiceConfig;
import io.skyscope.desktop.DesktopApp;
import io.skyscope.desktop.Features;
import io.skyscope.desktop.office.OfficeModel;
import io.skyscope.desktop.settings.Settings;
import io.skyscope.protocol.ClientMessage.VoiceCommand;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;

/**
 * The stage in the desktop app against a real server (no media server), driven as a person would:
 * I (Dana, the office's owner) walk into the Town Hall's audience and the stage panel appears with
 * its name, nobody on the floor and the listeners counted; Bob (client-core) joins the audience;
 * I raise my hand, Bob raises his, and my floor requests list us first raised first; I give Bob
 * the floor and he shows large among the speakers, ringed while he says he speaks; I take it back.
 * The megaphone is refused in plain words without a media server, and so is raising a hand too
 * often. Set {@code stage.shots} to a folder to save a picture of the panel there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesktopStageEndToEndTest {
    private static final String STAGE = "Town Hall Stage";
    /** In the Town Hall's audience (Town Hall Seats), and on its stage. */
    private static final double[] SEATS = {352, 368};
    private static final double[] BOBS_SEAT = {448, 400};
    private static final double[] ON_STAGE = {256, 112};
    private static final FxRobot robot = new FxRobot();
    private static TestServer server;
    private static Settings settings;
    private static DesktopApp app;
    private static AuthResponse dana;
    private static AuthResponse bobUser;
    private static Session bob;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        dana = server.register("dana", "Dana Desk"); // the server's first account: owns the office
        bobUser = server.register("bob", "Bob Builder");
        settings = Screens.settingsFor(server);
        app = Screens.launch(settings, Features.standard(NoSoundCard::new, VoiceConfig.defaults()));
    }

    @AfterAll
    static void stop() throws Exception {
        Screens.shutDown(app, server, settings); // Bob's session closes with the server
    }

    @Test
    @Order(1)
    void thePanelAppearsInTheAudienceWithTheStagesNameAndItsListeners() {
        Screens.signInAndEnterTheOffice(robot, () -> app, dana);
        OfficeModel office = app.office();
        Fx.until(TIMEOUT, "my role read", () -> office.stage().managerProperty().get());
        assertThat(visible("#stage-panel")).as("away from a stage, no panel").isFalse();
        assertThat(visible("#megaphone")).as("the owner's megaphone button").isTrue();

        Screens.walk(office, SEATS);
        Fx.until(TIMEOUT, "the panel", () -> visible("#stage-panel")
                && text("#stage-name").equals(STAGE)
                && text("#stage-listeners").equals("1 person listening")
                && visible("#stage-no-speakers") && text("#stage-hand").endsWith("Raise hand"));

        bob = server.session(bobUser);
        await().atMost(TIMEOUT).until(() -> bob.snapshot().map() != null);
        assertThat(bob.etiquette().walkTo(BOBS_SEAT[0], BOBS_SEAT[1])).isTrue();
        Fx.until(TIMEOUT.multipliedBy(3), "Bob counted", () -> text("#stage-listeners").equals("2 people listening"));
    }

    @Test
    @Order(2)
    void handsRaisedShowFirstRaisedFirstAndTheFloorIsGivenAndTakenBack() {
        robot.clickOn("#stage-hand");
        Fx.until(TIMEOUT, "my hand up", () -> text("#stage-hand").endsWith("Lower hand")
                && requests().equals(List.of("hand-" + dana.userId())));
        assertThat(bob.send(new VoiceCommand.StageHand(true, "h1"))).isTrue();
        Fx.until(TIMEOUT, "Bob's hand after mine", () -> requests().equals(
                List.of("hand-" + dana.userId(), "hand-" + bobUser.userId())));

        robot.clickOn("#give-floor-" + bobUser.userId());
        bob.await(ServerMessage.StageSpeaker.class, m -> m.userId().equals(bobUser.userId()) && m.speaker(), TIMEOUT);
        Fx.until(TIMEOUT, "Bob among the speakers, his hand down", () -> visible("#speaker-" + bobUser.userId())
                && requests().equals(List.of("hand-" + dana.userId()))
                && text("#stage-listeners").equals("1 person listening"));
        assertThat(bob.etiquette().walkTo(ON_STAGE[0], ON_STAGE[1])).isTrue();
        assertThat(Fx.get(() -> speakingRing(bobUser.userId()))).as("quiet until he speaks").isFalse();
        assertThat(bob.send(new VoiceCommand.VoiceState(false, true, null))).isTrue();
        Fx.until(TIMEOUT.multipliedBy(3), "Bob on the stage, ringed while he speaks", () ->
                speakingRing(bobUser.userId()));
        Screens.shoot(app, "stage-panel.png");

        robot.clickOn("#take-floor-" + bobUser.userId());
        bob.await(ServerMessage.StageSpeaker.class, m -> m.userId().equals(bobUser.userId()) && !m.speaker(), TIMEOUT);
        Fx.until(TIMEOUT, "nobody on the floor again", () -> visible("#stage-no-speakers")
                && text("#stage-listeners").equals("2 people listening"));
    }

    @Test
    @Order(3)
    void theMegaphoneWithoutAMediaServerIsRefusedInPlainWords() {
        robot.clickOn("#megaphone");
        Fx.until(TIMEOUT, "the refusal", () -> app.office().noticeProperty().get()
                .startsWith("The megaphone needs the media server"));
        assertThat(visible("#megaphone-bar")).isFalse();
    }

    @Test
    @Order(4)
    void raisingAndLoweringTooOftenIsRefusedInPlainWords() {
        // Mine is up; each click flips it, as the server says, until the server stops counting.
        assertThat(Fx.get(() -> robot.lookup("#stage-hand").query().isFocusTraversable())).as("reached with Tab").isTrue();
        for (int i = 0; i < 12 && !Fx.get(() -> app.office().noticeProperty().get().contains("too often")); i++) {
            boolean up = text("#stage-hand").endsWith("Lower hand");
            robot.clickOn("#stage-hand");
            Fx.until(TIMEOUT, "an answer", () -> text("#stage-hand").endsWith(up ? "Raise hand" : "Lower hand")
                    || app.office().noticeProperty().get().contains("too often"));
        }
        assertThat(Fx.get(() -> app.office().noticeProperty().get()))
                .matches("You raised and lowered your hand too often; try again in \\d+ s\\.");
    }

    private static boolean visible(String query) {
        return Fx.get(() -> robot.lookup(query).tryQuery().map(n -> n.isVisible() && parentsVisible(n)).orElse(false));
    }

    private static boolean parentsVisible(Node n) {
        for (Parent p = n.getParent(); p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static String text(String query) {
        return Fx.get(() -> robot.lookup(query).tryQuery().map(n -> ((Labeled) n).getText()).orElse(""));
    }

    /** The ids of the floor requests' rows, top to bottom. */
    private static List<String> requests() {
        return Fx.get(() -> robot.lookup("#stage-requests").queryAs(Parent.class).getChildrenUnmodifiable().stream()
                .map(Node::getId).filter(id -> id != null && id.startsWith("hand-")).toList());
    }

    /** Whether the ring around a speaker's photo shows (they are speaking). FX thread. */
    private static boolean speakingRing(String userId) {
        return robot.lookup("#speaker-" + userId).tryQuery()
                .flatMap(card -> robot.from(card).lookup(".stage-speaking-ring").<Node>tryQuery())
                .map(Node::isVisible).orElse(false);
    }
}
