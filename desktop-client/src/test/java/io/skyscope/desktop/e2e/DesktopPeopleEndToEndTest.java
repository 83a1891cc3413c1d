package io.skyscope.desktop.e2e;

import static io.skyscope.desktop.e2e.TestServer.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.ChatApi;
import io.skyscope.client.Connection;
import io.skyscope.client.voice.VoiceConfig;
import io.skyscope.desktop.DesktopApp;
import io.skyscope.desktop.Features;
import io.skyscope.desktop.chat.ChatChannel;
import io.skyscope.desktop.chat.ChatPanel;
import io.skyscope.desktop.office.PersonRow;
import io.skyscope.desktop.people.PeopleModel;
import io.skyscope.desktop.people.PhotoNode;
import io.skyscope.desktop.people.ProfileEditorModel;
import io.skyscope.desktop.settings.Settings;
import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.ProfileCard;
import io.skyscope.protocol.rest.ProfileUpdate;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * People in the desktop app against a real server with a real SMTP server in this JVM: my profile
 * editor (what I save is what others read on my card), someone's card opened from the people
 * list, photos in the people list and on name tags, a group chat with two headless clients,
 * following someone (their card, the alert, the Following list with Go to), and signing in with a
 * code by email and resetting a password, through the forms a person uses.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesktopPeopleEndToEndTest {
    private static final Features FEATURES = Features.standard(NoSoundCard::new, VoiceConfig.defaults());
    private static final FxRobot robot = new FxRobot();
    private static Mailbox mail;
    private static TestServer server;
    private static Settings settings;
    private static DesktopApp app;
    private static AuthResponse pat;
    private static AuthResponse ana;
    private static AuthResponse ben;
    private static Connection anaLink;
    private static Connection benLink;
    private static String address;

    @TempDir
    static Path files;

    @BeforeAll
    static void start() throws Exception {
        mail = new Mailbox();
        server = TestServer.start(c -> c.withMail(mail.config()));
        pat = server.register("pat", "Pat Desk");
        ana = server.register("ana", "Ana Lima");
        ben = server.register("ben", "Ben Ode");
        address = pat.username() + "@office.test";
        settings = Screens.settingsFor(server);
        app = Screens.launch(settings, FEATURES);
    }

    @AfterAll
    static void stop() throws Exception {
        Screens.shutDown(app, server, settings);
        if (mail != null) {
            mail.close();
        }
    }

    @Test
    @Order(1)
    void whatISaveInMyProfileIsWhatOthersReadOnMyCard() {
        Screens.signInAndEnterTheOffice(robot, () -> app, pat);
        anaLink = server.join(ana);
        benLink = server.join(ben);
        Fx.until(TIMEOUT, "Ana and Ben in the people list", () -> row(ana.userId()) != null && row(ben.userId()) != null);

        robot.clickOn("#edit-profile");
        ProfileEditorModel editor = people().editor();
        Fx.until(TIMEOUT, "my profile in the editor", () -> editor.profileProperty().get() != null);
        robot.clickOn("#profile-pronouns").write("they/them");
        robot.clickOn("#profile-job").write("Cartographer");
        robot.clickOn("#profile-bio").write("Draws maps for a living.");
        Fx.run(() -> editor.timeZoneProperty().set("Asia/Tokyo"));
        robot.clickOn("#profile-save");
        Fx.until(TIMEOUT, "saved", () -> editor.messageProperty().get().startsWith("Saved"));

        ProfileCard seen = server.api().profileCard(ana.accessToken(), pat.userId());
        assertThat(seen.pronouns()).isEqualTo("they/them");
        assertThat(seen.jobTitle()).isEqualTo("Cartographer");
        assertThat(seen.bio()).isEqualTo("Draws maps for a living.");
        assertThat(seen.timeZone()).isEqualTo("Asia/Tokyo");
        robot.clickOn("#profile-close");
        assertThat(Fx.get(() -> editor.visibleProperty().get())).isFalse();
    }

    @Test
    @Order(2)
    void someonesCardOpensFromThePeopleListAndFromTheMap() {
        server.api().updateProfile(ana.accessToken(), new ProfileUpdate(null, null, null, null,
                "Runs the kitchen garden.", "she/her", "Head gardener", "Europe/Lisbon"));

        robot.clickOn("#person-" + ana.userId());
        Fx.until(TIMEOUT, "Ana's card", () -> people().card().cardProperty().get() != null
                && "Runs the kitchen garden.".equals(people().card().cardProperty().get().bio()));
        assertThat(text("#card-name")).isEqualTo("Ana Lima");
        assertThat(text("#card-pronouns")).isEqualTo("she/her");
        assertThat(text("#card-job")).isEqualTo("Head gardener");
        assertThat(text("#card-bio")).isEqualTo("Runs the kitchen garden.");
        assertThat(text("#card-time")).contains("local time");

        robot.clickOn("#card-message");
        Fx.until(TIMEOUT, "a direct tab with Ana", () -> selected() != null
                && selected().kind() == ChatChannel.Kind.DIRECT && selected().title().equals("Ana Lima"));
        assertThat(Fx.get(() -> people().card().visibleProperty().get())).isFalse();

        // On the map: whoever stands at a spot is found by their sprite (Ana steps aside from the spawn point).
        Person a = anaLink.world().snapshot().self();
        double x = a.x() + 40;
        anaLink.move(a.x() + 20, a.y());
        anaLink.move(x, a.y());
        Fx.until(TIMEOUT, "Ana drawn where she went", () -> app.office().lastFrame() != null
                && app.office().lastFrame().avatars().stream().anyMatch(v -> v.userId().equals(ana.userId())
                        && Math.abs(v.x() - x) < 0.5));
        assertThat(Fx.get(() -> app.office().personAt(x, a.y() - 10))).isEqualTo(ana.userId());
        assertThat(Fx.get(() -> app.office().personAt(x + 200, a.y() + 200))).isNull();
    }

    @Test
    @Order(3)
    void photosShowInThePeopleListAndOnNameTags() throws IOException {
        ProfileEditorModel editor = people().editor();
        Fx.run(editor::open);
        Fx.until(TIMEOUT, "my profile in the editor", () -> editor.profileProperty().get() != null);
        Path file = files.resolve("me.png");
        Files.write(file, picture(Color.ORANGE, 400, 300));
        Fx.run(() -> editor.uploadPhoto(file));
        Fx.until(TIMEOUT, "my photo saved", () -> editor.messageProperty().get().equals("Photo saved."));
        assertThat(Fx.get(() -> editor.profileProperty().get().photo())).isNotNull();
        assertThat(server.api().photo(ana.accessToken(), pat.userId(), 64)).as("Ana can fetch it").isNotEmpty();
        Fx.run(editor::close);
        Fx.until(TIMEOUT, "my photo in the people list", () -> showsPhoto(pat.userId()));

        assertThat(Fx.get(() -> showsPhoto(ana.userId()))).as("Ana has no photo yet").isFalse();
        server.api().uploadPhoto(ana.accessToken(), picture(Color.GREEN, 256, 256), "image/png");
        Fx.until(TIMEOUT, "Ana's new photo in the people list", () -> showsPhoto(ana.userId()));
        Fx.until(TIMEOUT, "Ana's photo for her name tag", () -> people().photos().round(ana.userId()) != null);
    }

    @Test
    @Order(4)
    void aGroupChatWithTwoOthers() {
        robot.clickOn("#new-group");
        robot.clickOn("#group-pick-" + ana.userId());
        robot.clickOn("#group-pick-" + ben.userId());
        robot.clickOn("#group-title").write("Launch crew");
        robot.clickOn("#group-create");
        Fx.until(TIMEOUT, "the group's tab", () -> selected() != null && selected().kind() == ChatChannel.Kind.GROUP
                && selected().title().equals("Launch crew") && selected().members().size() == 3);
        ChatChannel group = Fx.get(this::selected);
        assertThat(Fx.get(() -> List.copyOf(group.members()))).containsExactlyInAnyOrder("You", "Ana Lima", "Ben Ode");
        assertThat(text("#chat-members-" + ChatPanel.nodeId(group))).contains("Ana Lima").contains("Ben Ode");

        robot.clickOn("#chat-input-" + ChatPanel.nodeId(group)).write("Kick-off at 3");
        robot.type(KeyCode.ENTER);
        anaLink.await(ChatEvent.Message.class, m -> m.message().channel().equals(group.id())
                && m.message().text().equals("Kick-off at 3"), TIMEOUT);
        benLink.await(ChatEvent.Message.class, m -> m.message().channel().equals(group.id())
                && m.message().text().equals("Kick-off at 3"), TIMEOUT);
        benLink.send(new ChatCommand.Send(group.id(), "On my way", "m-ben-00001", null, "b1"));
        Fx.until(TIMEOUT, "Ben's answer in the group", () -> group.lines().stream()
                .anyMatch(l -> l.text().equals("On my way") && l.authorName().equals("Ben Ode")));

        // A group someone else starts with me shows up with its members, before anyone writes in it.
        var theirs = new ChatApi(server.api()).openConversation(ana.accessToken(), TestServer.OFFICE,
                List.of(pat.userId(), ben.userId()), null);
        Fx.until(TIMEOUT, "Ana's group in the chat panel", () -> app.office().chat().channels().stream()
                .anyMatch(c -> c.id().equals("conv:" + theirs.id()) && c.kind() == ChatChannel.Kind.GROUP
                        && c.members().containsAll(List.of("You", "Ana Lima", "Ben Ode"))));
    }

    @Test
    @Order(5)
    void iFollowSomeoneFromTheirCardAndSeeWhereTheyAre() {
        Fx.run(() -> people().card().show(ben.userId()));
        Fx.until(TIMEOUT, "Ben's card", () -> people().card().cardProperty().get() != null);
        assertThat(text("#card-follows")).isEqualTo("0 followers · 0 following");
        robot.clickOn("#card-follow");
        Fx.until(TIMEOUT, "following Ben", () -> people().card().cardProperty().get().followedByYou());
        assertThat(text("#card-follows")).isEqualTo("1 follower · 0 following");
        assertThat(text("#card-follow")).isEqualTo("Unfollow");
        robot.clickOn("#card-close");

        // Ben comes back: the app tells me, as a notice.
        benLink.close();
        benLink = server.join(ben);
        Fx.until(TIMEOUT, "an alert about Ben", () -> people().following().alertProperty().get().startsWith("Ben Ode "));

        robot.clickOn("#following-toggle");
        Fx.until(TIMEOUT, "Ben in my Following list", () -> people().following().people().stream()
                .anyMatch(f -> f.userId().equals(ben.userId()) && f.online()));
        assertThat(text("#following-where-" + ben.userId())).startsWith(app.office().spaceName());
        Person b = benLink.world().snapshot().self();
        Fx.run(() -> app.office().walkTo(b.x() + 40, b.y()));
        Fx.until(TIMEOUT, "standing away from Ben", () -> app.office().simulation().walker().path().isEmpty()
                && Math.abs(app.office().simulation().myPosition()[0] - (b.x() + 40)) < 1);
        robot.clickOn("#following-goto-" + ben.userId());
        Fx.until(TIMEOUT, "walking over to Ben", () -> Math.hypot(app.office().simulation().myPosition()[0] - b.x(),
                app.office().simulation().myPosition()[1] - b.y()) < 1);
        robot.clickOn("#following-close");
    }

    @Test
    @Order(6)
    void anAddressVerifiedInTheEditorSignsInWithACodeByEmail() {
        robot.clickOn("#edit-profile");
        ProfileEditorModel editor = people().editor();
        Fx.until(TIMEOUT, "the editor knows email is on", () -> editor.profileProperty().get() != null
                && editor.emailOnProperty().get());
        robot.clickOn("#profile-email").write(address);
        robot.clickOn("#profile-email-send");
        String code = mail.awaitCode(address, 1, TIMEOUT);
        robot.clickOn("#profile-email-code").write(code);
        robot.clickOn("#profile-email-verify");
        Fx.until(TIMEOUT, "the address verified", () -> address.equals(editor.profileProperty().get().email()));
        robot.clickOn("#profile-close");

        signOut();
        robot.clickOn("#email-code-link");
        Fx.until(TIMEOUT, "the email form", () -> app.signIn().email().emailOnProperty().get());
        robot.clickOn("#email-address").write(address);
        robot.clickOn("#email-send-code");
        String signInCode = mail.awaitCode(address, 2, TIMEOUT);
        robot.clickOn("#email-code").write(signInCode);
        robot.clickOn("#email-submit");
        Fx.until(TIMEOUT, "signed in: the space picker", () -> app.picker() != null);
    }

    @Test
    @Order(7)
    void aForgottenPasswordIsResetWithACodeByEmail() {
        Fx.until(TIMEOUT, "the space picker's sign-out", () -> robot.lookup("#sign-out").tryQuery().isPresent());
        robot.clickOn("#sign-out");
        Fx.until(TIMEOUT, "the sign-in form", () -> robot.lookup("#forgot-password").tryQuery().isPresent());
        robot.clickOn("#forgot-password");
        Fx.until(TIMEOUT, "the reset form", () -> app.signIn().email().emailOnProperty().get());
        robot.clickOn("#email-address").write(address);
        robot.clickOn("#email-send-code");
        String code = mail.awaitCode(address, 3, TIMEOUT);
        robot.clickOn("#email-code").write(code);
        String fresh = "a brand new passphrase for " + pat.username();
        robot.clickOn("#new-password").write(fresh);
        robot.clickOn("#email-submit");
        Fx.until(TIMEOUT, "back at the password form, told so", () -> app.signIn().infoProperty().get()
                .startsWith("Your password was changed"));
        Fx.run(() -> app.signIn().usernameProperty().set(pat.username()));
        robot.clickOn("#password").write(fresh);
        robot.clickOn("#sign-in");
        Fx.until(TIMEOUT, "signed in with the new password", () -> app.picker() != null);
    }

    @Test
    @Order(8)
    void withoutMailTheEmailFormsSayWhy() {
        try (TestServer noMail = TestServer.start()) {
            robot.clickOn("#sign-out");
            Fx.until(TIMEOUT, "the sign-in form", () -> robot.lookup("#email-code-link").tryQuery().isPresent());
            Fx.run(() -> app.signIn().serverProperty().set(noMail.address()));
            robot.clickOn("#email-code-link");
            Fx.until(TIMEOUT, "the reason", () -> app.signIn().email().noteProperty().get()
                    .contains("does not send email"));
            assertThat(Fx.get(() -> robot.lookup("#email-address").query().isVisible())).isFalse();
            robot.clickOn("#email-back");
            Fx.until(TIMEOUT, "the password form again", () -> robot.lookup("#sign-in").query().isVisible());
        }
    }

    private static void signOut() {
        robot.clickOn("#leave-space");
        Fx.until(TIMEOUT, "the space picker", () -> robot.lookup("#sign-out").tryQuery().isPresent());
        robot.clickOn("#sign-out");
        Fx.until(TIMEOUT, "the sign-in form", () -> robot.lookup("#email-code-link").tryQuery().isPresent());
    }

    private static PeopleModel people() {
        return app.office().profiles();
    }

    private ChatChannel selected() {
        return app.office().chat().selectedProperty().get();
    }

    private static PersonRow row(String userId) {
        return app.office().people().stream().filter(r -> r.userId().equals(userId)).findFirst().orElse(null);
    }

    /** Whether the people list shows a photo (not an initial) for someone; on the FX thread. */
    private static boolean showsPhoto(String userId) {
        return robot.lookup("#person-photo-" + userId).queryAll().stream()
                .filter(Node::isVisible).anyMatch(n -> ((PhotoNode) n).showsPhoto());
    }

    private static String text(String query) {
        return Fx.get(() -> robot.lookup(query).queryLabeled().getText());
    }

    private static byte[] picture(Color color, int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.WHITE);
        g.fillOval(w / 4, h / 4, w / 2, h / 2);
        g.dispose();
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
