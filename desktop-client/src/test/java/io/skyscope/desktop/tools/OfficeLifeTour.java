package io.skyscope.desktop.tools;

import static io.skyscope.desktop.tools.ScreenshotTour.fx;
import static io.skyscope.desktop.tools.ScreenshotTour.settle;
import static io.skyscope.desktop.tools.ScreenshotTour.until;

import io.skyscope.client.Session;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.client.notes.RoomNotes;
import io.skyscope.desktop.DesktopApp;
import io.skyscope.desktop.chat.ChatLine;
import io.skyscope.desktop.notes.NotesPanel;
import io.skyscope.desktop.office.OfficeModel;
import io.skyscope.protocol.ChatEvent;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The office-life part of the screenshot tour: the Boardroom locked with a colleague knocking,
 * the room's notes written together (her cursor and selection with her name), a wave with "Walk to
 * them", reactions above avatars and on a chat message, and desk name plates. Sam, the colleague,
 * is a client-core session of her own.
 */
final class OfficeLifeTour {
    private static final String BOARDROOM = "Boardroom";
    private static final double[] INSIDE = {1200, 752};
    private static final double[] BESIDE_ME = {1260, 780};
    private static final double[] DOOR = {1264, 656};
    private static final double[] CORRIDOR = {1100, 656};
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** Takes a screenshot of the window into a file. */
    interface Shot {
        void take(Path file) throws Exception;
    }

    private OfficeLifeTour() {
    }

    static void shots(SkyScopeApi api, DesktopApp app, OfficeModel office, Path out, Shot shot) throws Exception {
        String username = "sam" + System.currentTimeMillis() % 100_000;
        String password = "tour of quiet harbours " + username;
        api.register(username, password, "Sam Lee");
        try (Session sam = Session.open(api, new Session.Credentials(username, password, null), "office")) {
            until(() -> sam.snapshot().map() != null);
            fx(() -> {
                office.voice().video().closeLarge();
                office.setZoom(1.5);
                return office.walkTo(INSIDE[0], INSIDE[1]);
            });
            until(() -> office.simulation().walker().path().isEmpty()
                    && BOARDROOM.equals(office.etiquette().roomProperty().get()));
            fx(() -> {
                office.etiquette().toggleLock();
                return null;
            });
            until(() -> sam.snapshot().isLocked(BOARDROOM));
            sam.etiquette().walkTo(DOOR[0], DOOR[1]);
            sam.etiquette().awaitReply(sam.etiquette().knockOnRoom(BOARDROOM), TIMEOUT);
            until(() -> !office.etiquette().knocks().isEmpty());
            settle(1500);
            shot.take(out.resolve("lock-knock.png"));

            fx(() -> {
                office.etiquette().answer(office.etiquette().knocks().getFirst(), true);
                return null;
            });
            sam.await(io.skyscope.protocol.EtiquetteEvent.KnockAnswered.class, a -> a.admitted(), TIMEOUT);
            until(() -> sam.etiquette().terrain().orElseThrow().path(sam.snapshot().self().x(), sam.snapshot().self().y(),
                    BESIDE_ME[0], BESIDE_ME[1]).getLast().x() == BESIDE_ME[0]);
            sam.etiquette().walkTo(BESIDE_ME[0], BESIDE_ME[1]);
            notes(app, office, sam, out, shot);

            sam.etiquette().walkTo(CORRIDOR[0], CORRIDOR[1]);
            sam.etiquette().wave(office.link().userId());
            until(() -> office.etiquette().waveProperty().get() != null);
            settle(1200);
            shot.take(out.resolve("wave.png"));

            fx(() -> office.etiquette().walkToWaver());
            until(() -> office.simulation().walker().path().isEmpty() && !office.simulation().walker().walking());
            reactions(office, sam, out, shot);
            desks(api, office, sam, out, shot);
        }
    }

    /** Sam's desk with her photo beside mine, seen from my seat. */
    private static void desks(SkyScopeApi api, OfficeModel office, Session sam, Path out, Shot shot) throws Exception {
        api.uploadPhoto(sam.tokens().accessToken(), portrait(), "image/png");
        sam.desks().awaitReply(sam.desks().claim("Desk A3"), TIMEOUT);
        fx(() -> {
            office.desks().claim("Desk A2");
            office.setZoom(2.0);
            return office.desks().walkTo("Desk A2");
        });
        until(() -> office.simulation().walker().path().isEmpty() && office.lastFrame().life().plates().size() >= 2
                && office.lastFrame().life().plates().stream().allMatch(p -> p.mine() || p.photo() != null));
        settle(2000);
        shot.take(out.resolve("desks.png"));
    }

    /** A made-up portrait for Sam: a face in warm colours. */
    private static byte[] portrait() throws java.io.IOException {
        var image = new java.awt.image.BufferedImage(128, 128, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new java.awt.GradientPaint(0, 0, new java.awt.Color(0x0ea5e9), 128, 128, new java.awt.Color(0x6366f1)));
        g.fillRect(0, 0, 128, 128);
        g.setColor(new java.awt.Color(0x3f2a1d));
        g.fillOval(30, 18, 68, 70);
        g.setColor(new java.awt.Color(0xf1c27d));
        g.fillOval(38, 30, 52, 58);
        g.fillRoundRect(20, 92, 88, 60, 40, 40);
        g.setColor(new java.awt.Color(0xbe123c));
        g.fillRoundRect(20, 100, 88, 60, 40, 40);
        g.dispose();
        var png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", png);
        return png.toByteArray();
    }

    /** Both of us write in the Boardroom's notes; Sam has a few words selected. */
    private static void notes(DesktopApp app, OfficeModel office, Session sam, Path out, Shot shot) throws Exception {
        fx(() -> {
            office.etiquette().openNotes();
            return null;
        });
        until(() -> office.etiquette().notesProperty().get().readyProperty().get());
        fx(() -> {
            panel(app).textArea().appendText("Q3 planning\n\n- Hiring: two engineers by October\n"
                    + "- Office move: the lease ends in March\n- ");
            return null;
        });
        try (RoomNotes notes = RoomNotes.open(sam, BOARDROOM, new RoomNotes.Listener() { }, Runnable::run)) {
            until(notes::ready);
            until(() -> notes.text().endsWith("- "));
            notes.edit(text -> new RoomNotes.TextEdit(text.length(), 0, "Budget: Sam sends the numbers on Friday"));
            int from = notes.text().indexOf("two engineers");
            notes.select(from, from + "two engineers".length());
            until(() -> !office.etiquette().notesProperty().get().cursors().isEmpty()
                    && panel(app).textArea().getText().contains("Friday"));
            fx(() -> {
                panel(app).textArea().appendText("\n- Next meeting: ");
                return null;
            });
            settle(1500);
            shot.take(out.resolve("notes.png"));
        }
        fx(() -> {
            office.etiquette().closeNotes();
            return null;
        });
    }

    /** Sam and I react above our avatars, and on Sam's chat message. */
    private static void reactions(OfficeModel office, Session sam, Path out, Shot shot) throws Exception {
        String sent = sam.say("space", "Thanks all, great planning session!");
        String id = sam.await(ChatEvent.Ack.class, a -> sent.equals(a.clientMessageId()), TIMEOUT).messageId();
        until(() -> line(office, id) != null);
        sam.etiquette().reactToMessage(id, "party", false);
        fx(() -> {
            office.chat().react(line(office, id), "clap");
            return null;
        });
        until(() -> line(office, id).reactions().size() >= 2);
        sam.etiquette().react("party");
        fx(() -> {
            office.etiquette().react("thumbs_up");
            return null;
        });
        until(() -> office.lastFrame().life().reactions().size() >= 2);
        settle(600);
        shot.take(out.resolve("reactions.png"));
    }

    private static NotesPanel panel(DesktopApp app) {
        return app.officeView().life().notes();
    }

    private static ChatLine line(OfficeModel office, String id) {
        return office.chat().channels().getFirst().lines().stream().filter(l -> l.id().equals(id)).findFirst()
                .orElse(null);
    }
}
