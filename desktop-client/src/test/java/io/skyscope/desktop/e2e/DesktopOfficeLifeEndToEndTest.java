package io.skyscope.desktop.e2e;

import static io.skyscope.desktop.e2e.TestServer.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.Session;
import io.skyscope.client.Walker;
import io.skyscope.client.notes.RoomNotes;
import io.skyscope.client.voice.Goertzel;
import io.skyscope.client.voice.HeadlessAudio;
import io.skyscope.client.voice.Pcm;
import io.skyscope.client.voice.VoiceConfig;
import io.skyscope.desktop.DesktopApp;
import io.skyscope.desktop.Features;
import io.skyscope.desktop.chat.ChatLine;
import io.skyscope.desktop.map.Area;
import io.skyscope.desktop.office.OfficeModel;
import io.skyscope.desktop.settings.Settings;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ChatReaction;
import io.skyscope.protocol.EtiquetteEvent;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.Reactions;
import io.skyscope.protocol.rest.AuthResponse;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;

/**
 * Office life in the desktop app against a real server, with Bob as a second client from
 * client-core: locking the Boardroom and letting Bob in after his knock; being stopped at the
 * locked door, knocking and being let in; a wave that rings my speaker and walks me to Bob;
 * reactions above avatars and on a chat message; the room's notes written together, with Bob's
 * cursor and name in my editor, and an earlier version restored; desk name plates, and a desk
 * claimed from its menu on the map.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesktopOfficeLifeEndToEndTest {
    private static final String BOARDROOM = "Boardroom";
    /** Inside the Boardroom, in its far corner, and in the corridor outside its door. */
    private static final double[] INSIDE = {1200, 752};
    private static final double[] FAR_INSIDE = {1380, 900};
    private static final double[] DOOR = {1264, 656};
    private static final double[] CORRIDOR = {1200, 656};
    /** The chime's second note: a wave rings it on my speaker. */
    private static final double CHIME_HZ = 990;
    private static final FxRobot robot = new FxRobot();
    private static final Headsets headsets = new Headsets();
    private static final HeadlessAudio myAudio = headsets.first;
    private static final AtomicInteger chimeFrames = new AtomicInteger();
    private static TestServer server;
    private static Settings settings;
    private static DesktopApp app;
    private static AuthResponse dana;
    private static AuthResponse bobUser;
    private static Session bob;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        dana = server.register("dana", "Dana Desk");
        bobUser = server.register("bob", "Bob Builder");
        settings = Screens.settingsFor(server);
        app = Screens.launch(settings, Features.standard(() -> headsets, VoiceConfig.defaults()));
        myAudio.recorder().onFrame(frame -> {
            if (Goertzel.amplitude(frame, 0, Pcm.FRAME, 2, CHIME_HZ, Pcm.SAMPLE_RATE) > 400) {
                chimeFrames.incrementAndGet();
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (bob != null) {
            bob.close();
        }
        Screens.shutDown(app, server, settings);
    }

    @Test
    @Order(1)
    void locksTheBoardroomAndLetsBobInAfterHisKnock() {
        Screens.signInAndEnterTheOffice(robot, () -> app, dana);
        OfficeModel office = app.office();
        bob = server.session(bobUser);
        await().atMost(TIMEOUT).until(() -> bob.snapshot().map() != null);
        Screens.walk(office, INSIDE);
        Fx.until(TIMEOUT, "in the Boardroom", () -> office.etiquette().roomProperty().get().equals(BOARDROOM));
        assertThat(robot.lookup("#room-lock").queryLabeled().getText()).endsWith("Lock");

        robot.clickOn("#room-lock");
        await().atMost(TIMEOUT).until(() -> bob.snapshot().isLocked(BOARDROOM));
        Fx.until(TIMEOUT, "the room drawn locked", () -> office.lastFrame().life().lockedRooms().stream()
                .map(Area::name).toList().equals(java.util.List.of(BOARDROOM)));
        Fx.until(TIMEOUT, "the button offering to unlock", () -> robot.lookup("#room-lock").queryLabeled().getText()
                .endsWith("Unlock"));

        assertThat(bob.etiquette().walkTo(DOOR[0], DOOR[1])).isTrue();
        assertThat(bob.etiquette().awaitReply(bob.etiquette().knockOnRoom(BOARDROOM), TIMEOUT)).isNull();
        Fx.until(TIMEOUT, "Bob's knock", () -> robot.lookup("#knock-" + bobUser.userId()).tryQuery().isPresent());
        assertThat(robot.lookup("#knock-" + bobUser.userId() + "-text").queryLabeled().getText())
                .isEqualTo("\u270A Bob Builder knocks on Boardroom.");
        robot.clickOn("#let-in-" + bobUser.userId());
        bob.await(EtiquetteEvent.KnockAnswered.class, a -> a.admitted(), TIMEOUT);
        Fx.until(TIMEOUT, "the card gone", () -> office.etiquette().knocks().isEmpty());
        await().atMost(TIMEOUT).until(() -> pathOf(bob, FAR_INSIDE).getLast()
                .equals(new Walker.Point(FAR_INSIDE[0], FAR_INSIDE[1])));
        assertThat(bob.etiquette().walkTo(FAR_INSIDE[0], FAR_INSIDE[1])).as("Bob walks in").isTrue();
        assertThat(bob.snapshot().isLocked(BOARDROOM)).isTrue();
    }

    @Test
    @Order(2)
    void walkingIntoTheLockedRoomStopsAtItsDoorAndOffersAKnockThatBobAnswers() {
        OfficeModel office = app.office();
        Screens.walk(office, CORRIDOR);
        assertThat(bob.snapshot().isLocked(BOARDROOM)).as("Bob is still inside").isTrue();

        Fx.run(() -> office.walkTo(INSIDE[0], INSIDE[1]));
        Fx.until(TIMEOUT, "the offer to knock", () -> office.etiquette().knockRoomProperty().get().equals(BOARDROOM));
        assertThat(robot.lookup("#knock").queryLabeled().getText()).isEqualTo("Knock on Boardroom");
        Fx.until(TIMEOUT, "standing at the door", () -> !office.simulation().walker().walking()
                && office.simulation().walker().path().isEmpty());
        assertThat(Fx.get(() -> office.etiquette().roomProperty().get())).as("the path finder kept me out").isEmpty();

        robot.clickOn("#knock");
        var knock = bob.await(EtiquetteEvent.Knock.class, k -> k.knockerId().equals(dana.userId()), TIMEOUT);
        assertThat(knock.knockerName()).isEqualTo("Dana Desk");
        assertThat(bob.etiquette().awaitReply(bob.etiquette().answer(dana.userId(), true), TIMEOUT)).isNull();
        Fx.until(TIMEOUT, "the knock answered", () -> office.etiquette().knockRoomProperty().get().isEmpty());
        Screens.walk(office, INSIDE);
        Fx.until(TIMEOUT, "in the Boardroom", () -> office.etiquette().roomProperty().get().equals(BOARDROOM));
    }

    @Test
    @Order(3)
    void aWaveRingsAndWalkToThemTakesMeToBob() {
        OfficeModel office = app.office();
        Fx.until(TIMEOUT, "voice started", () -> office.voice().availableProperty().get());
        assertThat(bob.etiquette().walkTo(CORRIDOR[0], CORRIDOR[1])).isTrue();
        await().atMost(TIMEOUT).until(() -> myAudio.recorder().toneAmplitude(CHIME_HZ, 300)[0] < 100);
        int before = chimeFrames.get();

        assertThat(bob.etiquette().awaitReply(bob.etiquette().wave(dana.userId()), TIMEOUT)).isNull();
        Fx.until(TIMEOUT, "the wave notice", () -> robot.lookup("#wave-notice").tryQuery().isPresent());
        assertThat(robot.lookup("#wave-notice-text").queryLabeled().getText()).isEqualTo("\uD83D\uDC4B Bob Builder waves at you.");
        await("the chime on my speaker").atMost(TIMEOUT).until(() -> chimeFrames.get() > before);

        robot.clickOn("#walk-to-waver");
        Fx.until(TIMEOUT.multipliedBy(3), "beside Bob", () -> {
            Person b = bob.snapshot().self();
            double apart = distance(office.simulation().myPosition(), new double[] {b.x(), b.y()});
            return apart > 30 && apart < 40 && office.simulation().walker().path().isEmpty()
                    && !office.simulation().walker().walking();
        });
        assertThat(robot.lookup("#wave-notice").tryQuery()).isEmpty();
    }

    @Test
    @Order(4)
    void reactionsShowAboveAvatarsAndOnChatMessages() {
        OfficeModel office = app.office();
        bob.etiquette().react("party");
        Fx.until(TIMEOUT, "Bob's reaction bubble", () -> Reactions.glyph("party")
                .equals(office.lastFrame().life().reactions().get(bobUser.userId())));

        robot.clickOn("#react-menu");
        robot.clickOn(robot.lookup(Reactions.glyph("thumbs_up") + "  thumbs up").queryLabeled());
        await().atMost(TIMEOUT).until(() -> bob.snapshot().reactions().containsKey(dana.userId())
                && bob.snapshot().reactions().get(dana.userId()).emoji().equals("thumbs_up"));
        Fx.until(TIMEOUT, "my own bubble", () -> Reactions.glyph("thumbs_up")
                .equals(office.lastFrame().life().reactions().get(dana.userId())));

        String sent = bob.say("space", "Lunch at noon?");
        String id = bob.await(ChatEvent.Ack.class, a -> sent.equals(a.clientMessageId()), TIMEOUT).messageId();
        Fx.until(TIMEOUT, "Bob's message in my chat", () -> line(office, id) != null);
        assertThat(bob.etiquette().awaitReply(bob.etiquette().reactToMessage(id, "clap", false), TIMEOUT)).isNull();
        Fx.until(TIMEOUT, "the clap on my copy of the message", () -> line(office, id).reactions().stream()
                .anyMatch(r -> r.emoji().equals("clap") && r.count() == 1));
        // Message ids are no CSS names: the chip is found by its id as a string.
        String chip = "reaction-" + id + "-clap";
        Fx.until(TIMEOUT, "the clap chip", () -> chip(chip) != null
                && chip(chip).getText().equals(Reactions.glyph("clap") + " 1"));
        assertThat(Fx.get(() -> chip(chip).getTooltip().getText()))
                .isEqualTo("Bob Builder reacted with " + Reactions.glyph("clap"));

        robot.clickOn(chip(chip));
        bob.await(ChatEvent.Reactions.class, r -> r.messageId().equals(id) && r.reactions().stream()
                .anyMatch(x -> x.emoji().equals("clap") && x.count() == 2 && x.userIds().contains(dana.userId())), TIMEOUT);
        Fx.until(TIMEOUT, "two claps", () -> chip(chip) != null
                && chip(chip).getText().equals(Reactions.glyph("clap") + " 2"));
        assertThat(Fx.get(() -> line(office, id).reactions()).stream().mapToInt(ChatReaction::count).sum()).isEqualTo(2);
    }

    @Test
    @Order(5)
    void theNotesEditorShowsWhatBobWritesAndWhereHisCursorIs() {
        OfficeModel office = app.office();
        Screens.walk(office, INSIDE);
        assertThat(bob.etiquette().walkTo(FAR_INSIDE[0], FAR_INSIDE[1])).isTrue();
        Fx.until(TIMEOUT, "in the Boardroom", () -> office.etiquette().roomProperty().get().equals(BOARDROOM));

        robot.clickOn("#open-notes");
        Fx.until(TIMEOUT, "the notes open", () -> office.etiquette().notesProperty().get() != null
                && office.etiquette().notesProperty().get().readyProperty().get());
        robot.clickOn("#notes-text").write("Agenda");
        try (RoomNotes bobNotes = RoomNotes.open(bob, BOARDROOM, new RoomNotes.Listener() { }, Runnable::run)) {
            await().atMost(TIMEOUT).until(() -> bobNotes.ready() && bobNotes.text().equals("Agenda"));
            bobNotes.insert(0, "Minutes: ");
            bobNotes.select(0, 8);
            TextArea area = robot.lookup("#notes-text").queryAs(TextArea.class);
            Fx.until(TIMEOUT, "Bob's text in my editor", () -> area.getText().equals("Minutes: Agenda"));
            assertThat(Fx.get(area::getCaretPosition)).as("my caret stays after my own word").isEqualTo(15);
            String tag = "#notes-cursor-" + bobUser.userId();
            Fx.until(TIMEOUT, "Bob's cursor with his name", () -> robot.lookup(tag).tryQuery().isPresent()
                    && ((Labeled) robot.lookup(tag).query()).getText().equals("Bob Builder"));

            robot.write(" for Monday");
            await().atMost(TIMEOUT).until(() -> bobNotes.text().equals("Minutes: Agenda for Monday"));
        }
        Fx.until(TIMEOUT, "Bob's cursor gone with his editor", () -> robot.lookup("#notes-cursor-"
                + bobUser.userId()).tryQuery().isEmpty());
    }

    @Test
    @Order(6)
    void anEarlierVersionOfTheNotesIsRestoredFromTheHistory() {
        OfficeModel office = app.office();
        // The last reader closing the notes saves a version.
        robot.clickOn("#notes-close");
        Fx.until(TIMEOUT, "the notes closed", () -> office.etiquette().notesProperty().get() == null);
        robot.clickOn("#open-notes");
        Fx.until(TIMEOUT, "the notes open again", () -> office.etiquette().notesProperty().get() != null
                && office.etiquette().notesProperty().get().readyProperty().get());
        TextArea area = robot.lookup("#notes-text").queryAs(TextArea.class);
        assertThat(Fx.<String>get(area::getText)).isEqualTo("Minutes: Agenda for Monday");
        Fx.run(() -> area.positionCaret(area.getLength()));
        robot.clickOn("#notes-text").write(" and Tuesday");
        Fx.until(TIMEOUT, "my words typed", () -> area.getText().equals("Minutes: Agenda for Monday and Tuesday"));

        // The version is stored within a second of the close: ask again until it is listed.
        await("the saved version listed").atMost(TIMEOUT).pollInterval(java.time.Duration.ofMillis(500)).until(() -> Fx.get(() -> {
            var notes = office.etiquette().notesProperty().get();
            boolean listed = notes.versions().stream().anyMatch(v -> v.length() == "Minutes: Agenda for Monday".length());
            if (!listed) {
                notes.loadVersions();
            }
            return listed;
        }));
        robot.clickOn("#notes-history");
        Labeled restore = robot.lookup((javafx.scene.Node n) -> n instanceof Labeled l && l.getText() != null
                && l.getText().startsWith("Restore ") && l.getText().contains(" · 26 characters")).query();
        robot.clickOn(restore);
        Fx.until(TIMEOUT, "the earlier text back", () -> area.getText().equals("Minutes: Agenda for Monday"));
    }

    @Test
    @Order(7)
    void deskPlatesShowTheirHoldersAndIClaimAFreeDeskFromItsMenu() throws Exception {
        OfficeModel office = app.office();
        server.api().uploadPhoto(bob.tokens().accessToken(), photo(), "image/png");
        assertThat(bob.desks().awaitReply(bob.desks().claim("Desk A1"), TIMEOUT)).isNull();
        Fx.until(TIMEOUT, "Bob's plate on Desk A1 with his photo", () -> office.lastFrame().life().plates().stream()
                .anyMatch(p -> p.desk().equals("Desk A1") && p.holderName().equals("Bob Builder") && !p.mine()
                        && p.photo() != null && p.photo().getWidth() == 64));

        assertThat(Fx.get(() -> office.desks().walkTo("Desk A2"))).isTrue();
        Fx.until(TIMEOUT.multipliedBy(3), "at Desk A2", () -> office.simulation().walker().path().isEmpty()
                && !office.simulation().walker().walking());
        var desk = bob.desks().onMap("Desk A2").orElseThrow();
        Screens.rightClickDesk(robot, app, desk);
        Screens.clickLabelled(robot, "Make Desk A2 my desk");
        await().atMost(TIMEOUT).until(() -> bob.desks().state().holderOf("Desk A2")
                .map(h -> h.userId().equals(dana.userId())).orElse(false));
        Fx.until(TIMEOUT, "my plate", () -> office.desks().mineProperty().get().equals("Desk A2")
                && office.lastFrame().life().plates().stream().anyMatch(p -> p.desk().equals("Desk A2") && p.mine()
                        && p.holderName().equals("Dana Desk")));
    }

    /** A 96 x 96 PNG: an orange square. */
    private static byte[] photo() throws java.io.IOException {
        var image = new java.awt.image.BufferedImage(96, 96, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new java.awt.Color(0xea580c));
        g.fillRect(0, 0, 96, 96);
        g.dispose();
        var out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static java.util.List<Walker.Point> pathOf(Session s, double[] to) {
        var me = s.snapshot().self();
        return s.etiquette().terrain().orElseThrow().path(me.x(), me.y(), to[0], to[1]);
    }

    private static Labeled chip(String id) {
        return robot.lookup((javafx.scene.Node n) -> id.equals(n.getId())).tryQuery()
                .map(n -> (Labeled) n).orElse(null);
    }

    private static ChatLine line(OfficeModel office, String id) {
        return office.chat().channels().getFirst().lines().stream().filter(l -> l.id().equals(id)).findFirst()
                .orElse(null);
    }

    private static double distance(double[] a, double[] b) {
        return a == null || b == null ? Double.MAX_VALUE : Math.hypot(a[0] - b[0], a[1] - b[1]);
    }
}
