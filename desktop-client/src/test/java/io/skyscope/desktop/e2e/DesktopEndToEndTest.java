package io.skyscope.desktop.e2e;

import static io.skyscope.desktop.e2e.TestServer.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.Connection;
import io.skyscope.client.Session;
import io.skyscope.client.voice.VoiceConfig;
import io.skyscope.desktop.DesktopApp;
import io.skyscope.desktop.Features;
import io.skyscope.desktop.chat.ChatChannel;
import io.skyscope.desktop.chat.ChatLine;
import io.skyscope.desktop.chat.ChatPanel;
import io.skyscope.desktop.office.OfficeModel;
import io.skyscope.desktop.office.PersonRow;
import io.skyscope.desktop.render.AvatarView;
import io.skyscope.desktop.settings.Settings;
import io.skyscope.map.CollisionGrid;
import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import io.skyscope.protocol.rest.AuthResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * The desktop client against a real server, driven like a person would: typing into the sign-in
 * form, clicking, holding arrow keys. Headless clients from client-core share the office and check
 * that the server agrees with what the app shows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesktopEndToEndTest {
    private static TestServer server;
    private static Settings settings;
    private static DesktopApp app;
    private static AuthResponse desk;
    private static AuthResponse botUser;
    private static Connection bot;
    private static final FxRobot robot = new FxRobot();
    /** This machine's case, whatever machine the test runs on: no microphone, no speaker. */
    private static final Features FEATURES = Features.standard(NoSoundCard::new, VoiceConfig.defaults());

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        desk = server.register("desk", "Dana Desk");
        botUser = server.register("bot", "Robo Ben");
        settings = Screens.settingsFor(server);
        app = Screens.launch(settings, FEATURES);
    }

    @AfterAll
    static void stop() throws Exception {
        Screens.shutDown(app, server, settings);
    }

    @Test
    @Order(1)
    void signsInAndEntersTheOffice() {
        assertThat(robot.lookup("#server").queryTextInputControl().getText()).isEqualTo(server.address());
        Screens.signInAndEnterTheOffice(robot, () -> app, desk);
        assertThat(settings.refreshToken()).as("the session is kept").isPresent();
        bot = server.join(botUser);
        Fx.until(TIMEOUT, "the bot in the people list", () -> row(botUser.userId()) != null);
    }

    @Test
    @Order(2)
    void walksWithArrowKeysAndTheServerAgrees() {
        OfficeModel office = app.office();
        double[] start = Fx.get(() -> office.simulation().myPosition());
        CollisionGrid grid = Fx.get(() -> office.simulation().map().collision());
        KeyCode key = freeDirection(grid, start);
        long placementsBefore = office.link().placement().generation();

        Fx.run(() -> app.officeView().canvas().requestFocus());
        robot.press(key);
        try {
            Fx.until(TIMEOUT, "walking 48 px", () -> distance(office.simulation().myPosition(), start) >= 48);
        } finally {
            robot.release(key);
        }
        Fx.until(TIMEOUT, "standing still", () -> !office.simulation().walker().walking());
        double[] end = Fx.get(() -> office.simulation().myPosition());

        Fx.until(TIMEOUT, "the bot seeing where I stopped", () -> {
            Person me = bot.world().snapshot().person(desk.userId());
            return me != null && Math.abs(me.x() - end[0]) < 0.01 && Math.abs(me.y() - end[1]) < 0.01;
        });
        assertThat(office.link().placement().generation()).as("no correction from the server")
                .isEqualTo(placementsBefore);
    }

    @Test
    @Order(3)
    void clickingASpotWalksThereAroundWalls() {
        OfficeModel office = app.office();
        double[] start = Fx.get(() -> office.simulation().myPosition());
        long placementsBefore = office.link().placement().generation();
        // From the lobby through the corridor into the open-plan office: a route with turns.
        double targetX = 1010;
        double targetY = 240;
        assertThat(Fx.get(() -> office.walkTo(targetX, targetY))).isTrue();
        assertThat(Fx.get(() -> office.simulation().walker().path())).isNotEmpty();
        Fx.until(TIMEOUT.multipliedBy(2), "arriving", () -> distance(office.simulation().myPosition(),
                new double[] {targetX, targetY}) < 1);
        Fx.until(TIMEOUT, "the bot seeing me arrive", () -> {
            Person me = bot.world().snapshot().person(desk.userId());
            return me != null && Math.abs(me.x() - targetX) < 0.01 && Math.abs(me.y() - targetY) < 0.01;
        });
        assertThat(office.link().placement().generation()).as("no correction on the way").isEqualTo(placementsBefore);
        assertThat(distance(start, new double[] {targetX, targetY})).isGreaterThan(300);
    }

    @Test
    @Order(4)
    void seesAHeadlessClientMoveAndChangeStatus() {
        Person b = bot.world().snapshot().self();
        double tx = b.x() + 40;
        double ty = b.y();
        bot.move(b.x() + 20, ty);
        bot.move(tx, ty);
        Fx.until(TIMEOUT, "the bot's avatar arriving", () -> {
            AvatarView a = avatar(botUser.userId());
            return a != null && Math.abs(a.x() - tx) < 0.5 && Math.abs(a.y() - ty) < 0.5;
        });

        bot.send(new ClientMessage.StatusChange(Status.BUSY, "heads down", "s1"));
        Fx.until(TIMEOUT, "the bot shown busy", () -> {
            PersonRow r = row(botUser.userId());
            AvatarView a = avatar(botUser.userId());
            return r != null && r.status() == Status.BUSY && "heads down".equals(r.statusText())
                    && a != null && a.status() == Status.BUSY;
        });
    }

    @Test
    @Order(5)
    void statusMenuChangesMyStatusForOthers() {
        robot.clickOn("#status-menu");
        robot.clickOn(robot.lookup("Do not disturb").queryLabeled());
        Fx.until(TIMEOUT, "the bot seeing me as do not disturb", () -> {
            Person me = bot.world().snapshot().person(desk.userId());
            return me != null && me.status() == Status.DND;
        });
        Fx.run(() -> app.office().setStatus(Status.AVAILABLE));
    }

    @Test
    @Order(6)
    void chatsWithAHeadlessClientInBothDirections() {
        ChatChannel space = Fx.get(() -> app.office().chat().channels().stream()
                .filter(c -> c.id().equals("space")).findFirst().orElseThrow());
        bot.send(new ChatCommand.Send("space", "Morning @" + desk.username() + "!", "m-bot-00001", null, "c1"));
        Fx.until(TIMEOUT, "the bot's message, highlighted as a mention", () -> space.lines().stream()
                .anyMatch(l -> l.text().startsWith("Morning") && l.mentionsMe() && !l.mine()));
        Fx.until(TIMEOUT, "the mention notice", () -> app.office().noticeProperty().get().contains("mentioned you"));

        bot.send(new ChatCommand.Typing("space", null));
        Fx.until(TIMEOUT, "the typing indicator", () -> space.typingProperty().get().equals("Robo Ben is typing…"));

        robot.clickOn("#chat-input-space").write("Hello Robo");
        robot.type(KeyCode.ENTER);
        ChatEvent.Message got = bot.await(ChatEvent.Message.class,
                m -> m.message().text().equals("Hello Robo"), TIMEOUT);
        assertThat(got.message().senderId()).isEqualTo(desk.userId());
        Fx.until(TIMEOUT, "my line confirmed", () -> space.lines().stream()
                .anyMatch(l -> l.text().equals("Hello Robo") && l.mine() && !l.pending()));
        assertThat(Fx.get(() -> space.draftProperty().get())).isEmpty();

        ChatLine mine = Fx.get(() -> space.lines().stream().filter(l -> l.text().equals("Hello Robo")).findFirst()
                .orElseThrow());
        ChatLine theirs = Fx.get(() -> space.lines().stream().filter(l -> l.text().startsWith("Morning")).findFirst()
                .orElseThrow());
        Fx.run(() -> {
            space.draftProperty().set("Morning to you");
            app.office().chat().send(space, theirs);
        });
        ChatEvent.Message reply = bot.await(ChatEvent.Message.class,
                m -> m.message().text().equals("Morning to you"), TIMEOUT);
        assertThat(reply.message().replyTo()).isEqualTo(theirs.id());

        Fx.run(() -> app.office().chat().edit(space, mine, "Hello Robo!"));
        bot.await(ChatEvent.Updated.class, u -> u.message().id().equals(mine.id())
                && u.message().text().equals("Hello Robo!") && u.message().editedAt() != null, TIMEOUT);
        Fx.run(() -> app.office().chat().delete(space, space.lines().stream()
                .filter(l -> l.id().equals(mine.id())).findFirst().orElseThrow()));
        bot.await(ChatEvent.Updated.class, u -> u.message().id().equals(mine.id()) && u.message().deleted(), TIMEOUT);

        robot.clickOn("#message-" + botUser.userId());
        Fx.until(TIMEOUT, "a direct tab with the bot", () -> app.office().chat().selectedProperty().get() != null
                && app.office().chat().selectedProperty().get().kind() == ChatChannel.Kind.DIRECT
                && app.office().chat().selectedProperty().get().title().equals("Robo Ben"));
        ChatChannel direct = Fx.get(() -> app.office().chat().selectedProperty().get());
        robot.clickOn("#chat-input-" + ChatPanel.nodeId(direct)).write("Just between us");
        robot.type(KeyCode.ENTER);
        ChatEvent.Message dm = bot.await(ChatEvent.Message.class,
                m -> m.message().text().equals("Just between us"), TIMEOUT);
        assertThat(dm.message().channel()).isEqualTo(direct.id());
        bot.send(new ChatCommand.Send(direct.id(), "Sure thing", "m-bot-00002", null, "c2"));
        Fx.until(TIMEOUT, "the bot's answer in the direct tab", () -> direct.lines().stream()
                .anyMatch(l -> l.text().equals("Sure thing")));
        Fx.run(() -> app.office().chat().select(space));
        bot.send(new ChatCommand.Send(direct.id(), "One more thing", "m-bot-00003", null, "c3"));
        Fx.until(TIMEOUT, "an unread badge on the direct tab", () -> direct.unreadProperty().get() > 0);

    }

    @Test
    @Order(7)
    void withoutASoundCardTheVoiceBarSaysSoAndOthersSeeMeMuted() {
        OfficeModel office = app.office();
        Fx.until(TIMEOUT, "voice started", () -> office.voice().availableProperty().get());
        assertThat(robot.lookup("#voice-status").queryLabeled().getText())
                .startsWith("No microphone or speaker found: you are in calls");
        assertThat(robot.lookup("#voice-mute").queryLabeled().getText()).isEqualTo("No mic");
        assertThat(Fx.get(() -> robot.lookup("#voice-mute").query().isDisabled())).isTrue();

        Person b = bot.world().snapshot().self();
        assertThat(Fx.get(() -> office.walkTo(b.x() + 40, b.y()))).isTrue();
        Fx.until(TIMEOUT, "the bot in earshot", () -> office.voice().peers().stream()
                .anyMatch(p -> p.userId().equals(botUser.userId())));
        // The bot speaks no WebRTC: the link is offered or awaited, and never comes up.
        assertThat(robot.lookup("#voice-peers").queryLabeled().getText()).isEqualTo("Connecting to Robo Ben…");
        assertThat(Fx.get(() -> office.lastFrame().hearingRadius())).as("the space's join radius").isEqualTo(128.0);

        bot.send(new ClientMessage.VoiceCommand.VoiceState(false, true, null));
        Fx.until(TIMEOUT, "the bot's speaking ring", () -> {
            AvatarView a = avatar(botUser.userId());
            return a != null && a.speaking() && !a.muted();
        });
        bot.await(ServerMessage.VoiceState.class, s -> s.userId().equals(desk.userId()) && s.muted(), TIMEOUT);
        assertThat(Fx.get(() -> avatar(desk.userId()).muted())).as("my own muted icon").isTrue();
    }

    @Test
    @Order(8)
    void aLostConnectionShowsTheBannerReconnectsAndSendsWhatWasTypedMeanwhile() {
        OfficeModel office = app.office();
        List<Session.State> phases = new CopyOnWriteArrayList<>();
        // The banner shows only while reconnecting, which may be over between two looks: every
        // banner shown is recorded as it shows.
        List<String> banners = new CopyOnWriteArrayList<>();
        Fx.run(() -> {
            office.linkStateProperty().addListener((obs, was, is) -> phases.add(is.state()));
            Runnable shown = () -> {
                if (office.bannerVisibleProperty().get()) {
                    banners.add(office.bannerProperty().get());
                }
            };
            office.bannerVisibleProperty().addListener((obs, was, is) -> shown.run());
            office.bannerProperty().addListener((obs, was, is) -> shown.run());
        });
        Fx.run(office::reconnectNow);
        Fx.until(TIMEOUT, "the banner", () -> banners.stream().anyMatch(b -> b.startsWith("Connection lost")));
        Fx.run(() -> office.setStatus(Status.BUSY));
        Fx.run(() -> {
            var space = office.chat().channels().getFirst();
            space.draftProperty().set("typed while offline");
            office.chat().send(space, null);
        });
        Fx.until(TIMEOUT, "back online", () -> office.linkStateProperty().get().isOnline()
                && !office.bannerVisibleProperty().get());
        assertThat(phases).contains(Session.State.RECONNECTING, Session.State.ONLINE);
        bot.await(ServerMessage.PresenceUpdate.class, p -> p.changed().stream()
                .anyMatch(c -> c.userId().equals(desk.userId()) && c.status() == Status.BUSY), TIMEOUT);
        bot.await(ChatEvent.Message.class, m -> m.message().text().equals("typed while offline"), TIMEOUT);
    }

    @Test
    @Order(9)
    void leavesAndJoinsAPrivateSpaceThroughAnInviteLink() {
        var space = server.api().createSpace(botUser.accessToken(), "Robo Lab", "private");
        var invite = server.api().send("POST", "api/v1/spaces/" + space.id() + "/invites", botUser.accessToken(),
                null, io.skyscope.protocol.rest.InviteView.class);
        robot.clickOn("#leave-space");
        Fx.until(TIMEOUT, "the space picker", () -> app.picker() != null && app.office() == null);
        robot.clickOn("#invite-link").write("https://office.example.com/invite/" + invite.code());
        robot.clickOn("#join-invite");
        Fx.until(TIMEOUT, "online in Robo Lab", () -> app.office() != null && app.office().spaceName().equals("Robo Lab")
                && app.office().linkStateProperty().get().isOnline());
    }

    @Test
    @Order(10)
    void theNextStartResumesTheSessionWithoutAPassword() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            app.stop();
            app = new DesktopApp(stage, settings, FEATURES);
            app.start();
        });
        Fx.until(TIMEOUT, "the space picker without signing in", () -> app.picker() != null);
        assertThat(Fx.get(() -> app.picker().username())).isEqualTo(desk.username());
    }

    private static PersonRow row(String userId) {
        return app.office().people().stream().filter(r -> r.userId().equals(userId)).findFirst().orElse(null);
    }

    private static AvatarView avatar(String userId) {
        var frame = app.office().lastFrame();
        return frame == null ? null
                : frame.avatars().stream().filter(a -> a.userId().equals(userId)).findFirst().orElse(null);
    }

    private static double distance(double[] a, double[] b) {
        return a == null || b == null ? 0 : Math.hypot(a[0] - b[0], a[1] - b[1]);
    }

    private static KeyCode freeDirection(CollisionGrid grid, double[] at) {
        if (grid.segmentClear(at[0], at[1], at[0] + 96, at[1])) {
            return KeyCode.RIGHT;
        }
        if (grid.segmentClear(at[0], at[1], at[0] - 96, at[1])) {
            return KeyCode.LEFT;
        }
        if (grid.segmentClear(at[0], at[1], at[0], at[1] + 96)) {
            return KeyCode.DOWN;
        }
        return KeyCode.UP;
    }
}
