package io.skyscope.desktop.e2e;

import static io.skyscope.desktop.e2e.TestServer.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.Session;
import io.skyscope.client.voice.VoiceConfig;
import io.skyscope.desktop.DesktopApp;
import io.skyscope.desktop.Features;
import io.skyscope.desktop.settings.Settings;
import io.skyscope.protocol.ClientMessage.VoiceCommand;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.testing.Janus;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * The megaphone in the desktop app, with a real Janus behind the server: I am Bob, a plain member
 * (no Megaphone button for me); when Dana, the office's owner (client-core), speaks to everyone, a
 * bar above my map says "Dana Desk is speaking to everyone", and it goes when she stops. Made an
 * admin, I enter again and press Megaphone myself: my bar says I am speaking to everyone, Dana is
 * told it is me, and Stop megaphone ends it. Set {@code stage.shots} to a folder to save a
 * picture of the bar there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesktopMegaphoneEndToEndTest {
    @RegisterExtension
    static final Janus JANUS = new Janus();

    private static final FxRobot robot = new FxRobot();
    private static TestServer server;
    private static Settings settings;
    private static DesktopApp app;
    private static AuthResponse owner;
    private static AuthResponse bob;
    private static Session dana;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(c -> c.withMedia(JANUS.mediaConfig()));
        owner = server.register("dana", "Dana Desk"); // the server's first account: owns the office
        bob = server.register("bob", "Bob Builder");
        dana = server.session(owner);
        settings = Screens.settingsFor(server);
        app = Screens.launch(settings, Features.standard(NoSoundCard::new, VoiceConfig.defaults()));
    }

    @AfterAll
    static void stop() throws Exception {
        Screens.shutDown(app, server, settings); // Dana's session closes with the server
    }

    @Test
    @Order(1)
    void whileTheOwnerSpeaksToEveryoneABarSaysSoAndGoesWhenSheStops() {
        Screens.signInAndEnterTheOffice(robot, () -> app, bob);
        await().atMost(TIMEOUT).until(() -> dana.link().isOnline() && dana.snapshot().person(bob.userId()) != null);
        assertThat(shown("#megaphone-bar")).isFalse();
        assertThat(shown("#megaphone")).as("no megaphone for a plain member").isFalse();

        assertThat(dana.send(new VoiceCommand.MegaphoneOn("m1"))).isTrue();
        dana.await(ServerMessage.Ack.class, a -> "m1".equals(a.ref()), TIMEOUT);
        Fx.until(TIMEOUT, "the bar", () -> shown("#megaphone-bar") && ((Labeled) robot.lookup("#megaphone-indicator")
                .query()).getText().equals("Dana Desk is speaking to everyone"));
        Screens.shoot(app, "megaphone-bar.png");

        assertThat(dana.send(new VoiceCommand.MegaphoneOff("m2"))).isTrue();
        Fx.until(TIMEOUT, "the bar gone", () -> !shown("#megaphone-bar"));
    }

    @Test
    @Order(2)
    void asAnAdminIPressMegaphoneAndEveryoneIsToldUntilIStop() throws Exception {
        var made = server.http().send(HttpRequest.newBuilder(URI.create(server.address() + "api/v1/spaces/"
                        + TestServer.OFFICE + "/members/" + bob.userId()))
                .header("Authorization", "Bearer " + owner.accessToken()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"role\": \"admin\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        robot.clickOn("#leave-space");
        Fx.until(TIMEOUT, "the space picker", () -> app.office() == null
                && robot.lookup("#enter-" + TestServer.OFFICE).tryQuery().isPresent());
        robot.clickOn("#enter-" + TestServer.OFFICE);
        Fx.until(TIMEOUT, "in again, as an admin", () -> app.office() != null
                && app.office().linkStateProperty().get().isOnline() && shown("#megaphone"));

        robot.clickOn("#megaphone");
        dana.await(ServerMessage.Megaphone.class, m -> m.on() && m.userId().equals(bob.userId()), TIMEOUT);
        Fx.until(TIMEOUT, "my bar", () -> shown("#megaphone-bar") && text("#megaphone-indicator")
                .equals("You are speaking to everyone") && text("#megaphone").endsWith("Stop megaphone"));

        robot.clickOn("#megaphone");
        dana.await(ServerMessage.Megaphone.class, m -> !m.on() && m.userId().equals(bob.userId()), TIMEOUT);
        Fx.until(TIMEOUT, "the bar gone", () -> !shown("#megaphone-bar") && text("#megaphone").endsWith("Megaphone"));
    }

    private static String text(String query) {
        return Fx.get(() -> ((Labeled) robot.lookup(query).query()).getText());
    }

    private static boolean shown(String query) {
        return Fx.get(() -> robot.lookup(query).tryQuery().map(Node::isVisible).orElse(false));
    }
}
