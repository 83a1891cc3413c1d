package io.skyscope.desktop.e2e;

import static io.skyscope.desktop.e2e.TestServer.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.Connection;
import io.skyscope.client.GuestApi;
import io.skyscope.client.InviteLink;
import io.skyscope.client.voice.VoiceConfig;
import io.skyscope.desktop.DesktopApp;
import io.skyscope.desktop.Features;
import io.skyscope.desktop.chat.ChatChannel;
import io.skyscope.desktop.settings.Settings;
import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.GuestLinkView;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * A guest in the desktop app against a real server: an owner makes a guest link (client-core), the
 * app is opened with it and asks only for a name, a pasted web form of the link leads to the same
 * form, a name the server refuses is said in plain words, the guest enters the link's space, sees a
 * member (a headless client) and chats with them both ways, finds no Profile, Following, Lock or
 * Notes, and when the owner revokes the link the app returns to sign-in saying the visit ended.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesktopGuestEndToEndTest {
    private static final FxRobot robot = new FxRobot();
    private static TestServer server;
    private static Settings settings;
    private static DesktopApp app;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        settings = Screens.settingsFor(server);
    }

    @AfterAll
    static void stop() throws Exception {
        Screens.shutDown(app, server, settings);
    }

    @Test
    @Order(1)
    void aGuestJoinsByTheLinkChatsWithAMemberAndIsSentBackWhenTheLinkIsRevoked() throws Exception {
        AuthResponse owner = server.register("own", "Olga Owner");
        AuthResponse mia = server.register("mia", "Mia Member");
        GuestApi guests = new GuestApi(server.api());
        String space = server.api().createSpace(owner.accessToken(), "Harbour Studio", "public").id();
        GuestLinkView link = guests.createGuestLink(owner.accessToken(), space, 3600L, 5);
        Connection member = Connection.open(server.http(), server.api().webSocketUri(mia.accessToken()), TIMEOUT);
        member.send(new ClientMessage.Join(space, "join-mia"));
        member.await(ServerMessage.Welcome.class, TIMEOUT);

        launch(InviteLink.parse(link.appLink()));
        Fx.until(TIMEOUT, "the guest form", () -> visible("#guest-form"));
        assertThat(text("#guest-title")).isEqualTo("Join " + InviteLink.parse(link.link()).server().getAuthority() + " as a guest");
        assertThat(visible("#username")).as("no account form for a guest link").isFalse();

        // Back to signing in with an account, then the web form of the link pasted on the sign-in screen.
        robot.clickOn("#guest-back");
        Fx.until(TIMEOUT, "the account form", () -> visible("#username") && !visible("#guest-form"));
        robot.clickOn("#paste-link").write("https://example.test/elsewhere/abc");
        robot.clickOn("#open-link");
        Fx.until(TIMEOUT, "a bad link refused", () -> text("#sign-in-error").startsWith("That is not an invite or guest link"));
        Fx.run(() -> robot.lookup("#paste-link").queryTextInputControl().clear());
        robot.clickOn("#paste-link").write(link.link());
        robot.clickOn("#open-link");
        Fx.until(TIMEOUT, "the guest form again", () -> visible("#guest-form") && text("#sign-in-error").isEmpty());

        robot.clickOn("#guest-name").write("x".repeat(41));
        robot.clickOn("#guest-join");
        Fx.until(TIMEOUT, "a long name refused", () -> text("#sign-in-error").startsWith("That name cannot be used:"));
        Fx.run(() -> robot.lookup("#guest-name").queryTextInputControl().clear());
        robot.clickOn("#guest-name").write("Gus");
        robot.type(KeyCode.ENTER);
        Fx.until(TIMEOUT, "online in Harbour Studio", () -> app.office() != null
                && app.office().linkStateProperty().get().isOnline()
                && app.office().spaceName().equals("Harbour Studio"));
        assertThat(app.picker()).as("a guest never sees the space picker").isNull();
        assertThat(Fx.get(() -> app.office().guest())).isTrue();

        Fx.until(TIMEOUT, "Mia in the people list", () -> app.office().people().stream()
                .anyMatch(r -> r.userId().equals(mia.userId()) && r.name().equals("Mia Member")));
        for (String members : new String[] {"#edit-profile", "#following-toggle", "#room-lock", "#open-notes"}) {
            assertThat(Fx.get(() -> robot.lookup(members).tryQuery().isPresent())).as(members + " for a guest").isFalse();
        }

        ChatChannel chat = Fx.get(() -> app.office().chat().channels().stream()
                .filter(c -> c.id().equals("space")).findFirst().orElseThrow());
        member.send(new ChatCommand.Send("space", "Welcome aboard", "m-mia-00001", null, "c1"));
        Fx.until(TIMEOUT, "Mia's welcome", () -> chat.lines().stream()
                .anyMatch(l -> l.text().equals("Welcome aboard") && l.authorName().equals("Mia Member")));
        robot.clickOn("#chat-input-space").write("Thanks, Mia");
        robot.type(KeyCode.ENTER);
        ChatEvent.Message got = member.await(ChatEvent.Message.class,
                m -> m.message().text().equals("Thanks, Mia"), TIMEOUT);
        assertThat(member.world().snapshot().person(got.message().senderId()).displayName())
                .as("marked as a guest").isEqualTo("Gus (guest)");

        guests.revokeGuestLink(owner.accessToken(), space, link.code());
        Fx.until(TIMEOUT, "back on the sign-in screen", () -> app.office() == null && app.signIn() != null
                && visible("#sign-in-view"));
        assertThat(text("#sign-in-error")).isEqualTo("Your guest visit to Harbour Studio has ended: the guest link "
                + "was revoked or has expired. Ask whoever sent it for a new one.");
        assertThat(visible("#guest-form")).as("the revoked link is forgotten").isFalse();
        assertThat(app.picker()).isNull();

        // The revoked link, pasted again, says so in plain words.
        robot.clickOn("#paste-link").write(link.link());
        robot.clickOn("#open-link");
        Fx.until(TIMEOUT, "the guest form", () -> visible("#guest-form"));
        robot.clickOn("#guest-name").write("Gus");
        robot.clickOn("#guest-join");
        Fx.until(TIMEOUT, "the link refused", () -> text("#sign-in-error")
                .equals("This guest link has expired or was revoked. Ask whoever sent it for a new one."));
        member.close();
    }

    @Test
    @Order(2)
    void whenTheLinkExpiresTheGuestIsSentBackToSignIn() {
        AuthResponse owner = server.register("own", "Otto Owner");
        GuestApi guests = new GuestApi(server.api());
        String space = server.api().createSpace(owner.accessToken(), "Short Stay", "public").id();
        GuestLinkView link = guests.createGuestLink(owner.accessToken(), space, 10L, 1); // the shortest a link lasts
        Fx.run(() -> {
            app.signIn().openLink(link.link());
            app.signIn().displayNameProperty().set("Quinn");
            app.signIn().joinAsGuest();
        });
        Fx.until(TIMEOUT, "online in Short Stay", () -> app.office() != null
                && app.office().linkStateProperty().get().isOnline() && app.office().spaceName().equals("Short Stay"));
        Fx.until(TIMEOUT.multipliedBy(3), "back on the sign-in screen at the link's expiry", () -> app.office() == null
                && app.signIn() != null && text("#sign-in-error").startsWith("Your guest visit to Short Stay has ended"));
        assertThat(app.picker()).isNull();
    }

    private static void launch(InviteLink openedWith) throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        AtomicReference<DesktopApp> started = new AtomicReference<>();
        FxToolkit.setupFixture(() -> {
            started.set(new DesktopApp(stage, settings, Features.standard(NoSoundCard::new, VoiceConfig.defaults())));
            started.get().start(openedWith);
        });
        app = started.get();
    }

    private static boolean visible(String query) {
        return Fx.get(() -> robot.lookup(query).tryQuery().map(DesktopGuestEndToEndTest::shown).orElse(false));
    }

    /** Whether the node and every parent of it is visible (a hidden form keeps its fields' own flags). */
    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }

    private static String text(String query) {
        return Fx.get(() -> robot.lookup(query).queryLabeled().getText());
    }
}
