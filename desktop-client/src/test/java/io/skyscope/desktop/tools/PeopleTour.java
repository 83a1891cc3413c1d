package io.skyscope.desktop.tools;

import io.skyscope.client.GuestApi;
import io.skyscope.client.Session;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.desktop.DesktopApp;
import io.skyscope.desktop.chat.ChatChannel;
import io.skyscope.desktop.office.OfficeModel;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.ProfileUpdate;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * The people part of the screenshot tour: the sign-in screen opened with a guest link, my profile editor, a colleague's profile card over the
 * map (name tags and the people list with photos), the people list alone, a group chat, and the
 * Following list beside a card with its follow figures. Two
 * colleagues with profiles and photos join for it (client-core sessions); their photos are simple
 * portraits drawn here, as the tour has no pictures of real people.
 */
final class PeopleTour {

    private PeopleTour() {
    }

    static void shots(OfficeModel office, Path out) throws Exception {
        SkyScopeApi api = office.link().api();
        long n = System.currentTimeMillis() % 100_000;
        Session ana = colleague(api, "ana" + n, "Ana Lima", new Color(0xc0, 0x84, 0x5f), new Color(0x3b, 0x82, 0xf6),
                new ProfileUpdate(null, null, null, null, "Runs the kitchen garden and the Friday demos.",
                        "she/her", "Head of Product", "Europe/Lisbon"));
        Session ben = colleague(api, "ben" + n, "Ben Okafor", new Color(0x8d, 0x5b, 0x3e), new Color(0x10, 0xb9, 0x81),
                new ProfileUpdate(null, null, null, null, "Backend, coffee, long walks between meetings.",
                        "he/him", "Staff Engineer", "Africa/Lagos"));
        try {
            myProfile(office, out);
            cardAndPeople(office, ana, out);
            groupChat(office, ana, ben, out);
            following(office, ana, ben, out);
        } finally {
            ScreenshotTour.fx(() -> {
                office.profiles().card().close();
                office.profiles().editor().close();
                office.profiles().following().close();
                office.chat().select(office.chat().channels().getFirst());
                return null;
            });
            ana.close();
            ben.close();
        }
    }

    /**
     * The sign-in screen opened with a guest link (before anyone signs in): a space of my own with a
     * guest link, "Join … as a guest" with a name typed in; then back to the account form.
     */
    static void guestSignIn(SkyScopeApi api, AuthResponse me, DesktopApp app, Path out) throws Exception {
        String space = api.createSpace(me.accessToken(), "Design Studio", "public").id();
        String link = new GuestApi(api).createGuestLink(me.accessToken(), space, 3600L, 5).link();
        ScreenshotTour.fx(() -> {
            app.signIn().openLink(link);
            app.signIn().displayNameProperty().set("Sam Visitor");
            return null;
        });
        ScreenshotTour.settle(1000);
        ScreenshotTour.shot(out.resolve("guest-sign-in.png"));
        ScreenshotTour.fx(() -> {
            app.signIn().leaveGuestLink();
            app.signIn().displayNameProperty().set("");
            return null;
        });
    }

    private static Session colleague(SkyScopeApi api, String username, String name, Color skin, Color shirt,
                                     ProfileUpdate profile) {
        String password = "tour colleague " + username + " amber";
        AuthResponse auth = api.register(username, password, name);
        api.updateProfile(auth.accessToken(), profile);
        api.uploadPhoto(auth.accessToken(), portrait(skin, shirt), "image/png");
        return Session.open(api, new Session.Credentials(username, password, null), "office");
    }

    private static void myProfile(OfficeModel office, Path out) throws Exception {
        var editor = office.profiles().editor();
        ScreenshotTour.fx(() -> {
            editor.open();
            return null;
        });
        ScreenshotTour.until(() -> editor.profileProperty().get() != null && !editor.busyProperty().get());
        Path photo = Files.createTempFile("tour-photo", ".png");
        Files.write(photo, portrait(new Color(0xe0, 0xac, 0x69), new Color(0x7c, 0x3a, 0xed)));
        ScreenshotTour.fx(() -> {
            editor.pronounsProperty().set("they/them");
            editor.jobTitleProperty().set("Office cartographer");
            editor.timeZoneProperty().set("Europe/Berlin");
            editor.bioProperty().set("Draws the maps you walk around in. Ask me about the boardroom's secret door.");
            editor.save();
            return null;
        });
        ScreenshotTour.until(() -> !editor.busyProperty().get() && editor.messageProperty().get().startsWith("Saved"));
        ScreenshotTour.fx(() -> {
            editor.uploadPhoto(photo);
            return null;
        });
        ScreenshotTour.until(() -> editor.messageProperty().get().equals("Photo saved.")
                && editor.previewProperty().get() != null && editor.previewProperty().get().getWidth() == 128);
        Files.deleteIfExists(photo);
        ScreenshotTour.settle(1500);
        ScreenshotTour.shot(out.resolve("profile-editor.png"));
        ScreenshotTour.fx(() -> {
            editor.close();
            return null;
        });
    }

    private static void cardAndPeople(OfficeModel office, Session ana, Path out) throws Exception {
        var spot = ana.snapshot().self();
        // Ana steps aside from the spawn point, where Ben stands too, so both name tags show.
        for (int step = 1; step <= 4; step++) {
            ana.move(spot.x() + 12 * step, spot.y() - 15 * step);
        }
        ScreenshotTour.fx(() -> {
            office.walkTo(spot.x() + 100, spot.y() + 10);
            office.setZoom(1.8);
            return null;
        });
        ScreenshotTour.until(() -> office.simulation().walker().path().isEmpty());
        ScreenshotTour.fx(() -> {
            office.profiles().card().show(ana.userId());
            return null;
        });
        ScreenshotTour.until(() -> office.profiles().card().cardProperty().get() != null
                && office.profiles().photos().photo(ana.userId(), 128) != null
                && office.profiles().photos().round(ana.userId()) != null);
        ScreenshotTour.settle(2000);
        ScreenshotTour.shot(out.resolve("profile-card.png"));
        Node list = ScreenshotTour.fx(() -> javafx.stage.Window.getWindows().stream()
                .filter(w -> w.isShowing() && w.getScene() != null)
                .map(w -> w.getScene().lookup("#people-list")).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null));
        shotOf(list, out.resolve("people-list.png"));
    }

    private static void groupChat(OfficeModel office, Session ana, Session ben, Path out) throws Exception {
        ScreenshotTour.fx(() -> {
            office.profiles().card().close();
            office.chat().createGroup(List.of(ana.userId(), ben.userId()), "Launch crew");
            return null;
        });
        ScreenshotTour.until(() -> office.chat().selectedProperty().get() != null
                && office.chat().selectedProperty().get().kind() == ChatChannel.Kind.GROUP);
        ChatChannel group = ScreenshotTour.fx(() -> office.chat().selectedProperty().get());
        ScreenshotTour.fx(() -> {
            group.draftProperty().set("Kick-off for the launch at 3 in the boardroom?");
            office.chat().send(group, null);
            return null;
        });
        ScreenshotTour.until(() -> group.lines().stream().anyMatch(l -> !l.pending()));
        ana.say(group.id(), "Works for me. I'll bring the release notes.");
        ScreenshotTour.until(() -> group.lines().size() >= 2);
        ben.say(group.id(), "Same. The staging build is green since this morning.");
        ScreenshotTour.until(() -> group.lines().size() >= 3);
        ScreenshotTour.fx(() -> {
            group.draftProperty().set("Great, see you there!");
            return null;
        });
        ScreenshotTour.settle(2500);
        ScreenshotTour.shot(out.resolve("group-chat.png"));
        ScreenshotTour.fx(() -> {
            group.draftProperty().set("");
            return null;
        });
    }

    private static void following(OfficeModel office, Session ana, Session ben, Path out) throws Exception {
        office.link().people().follow(ana.userId());
        office.link().people().follow(ben.userId());
        var following = office.profiles().following();
        ScreenshotTour.fx(() -> {
            following.open();
            office.profiles().card().show(ben.userId());
            return null;
        });
        ScreenshotTour.until(() -> following.people().size() >= 2 && following.people().stream().allMatch(f -> f.online())
                && office.profiles().card().cardProperty().get() != null);
        ScreenshotTour.settle(2000);
        ScreenshotTour.shot(out.resolve("following.png"));
    }

    /** A PNG of one node of the window (a panel), as it is shown now. */
    private static void shotOf(Node node, Path file) throws Exception {
        if (node == null) {
            return;
        }
        WritableImage image = ScreenshotTour.fx(() -> node.snapshot(null, null));
        BufferedImage png = new BufferedImage((int) image.getWidth(), (int) image.getHeight(),
                BufferedImage.TYPE_INT_RGB);
        ScreenshotTour.paint(png, image, 0, 0);
        ImageIO.write(png, "png", file.toFile());
        System.out.println("wrote " + file);
    }

    /** A simple portrait: a head and shoulders on a soft background. */
    static byte[] portrait(Color skin, Color shirt) {
        int s = 256;
        BufferedImage image = new BufferedImage(s, s, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, shirt.brighter().brighter(), s, s, new Color(0xf1, 0xf5, 0xf9)));
        g.fillRect(0, 0, s, s);
        g.setColor(shirt);
        g.fillRoundRect(s / 2 - 92, 178, 184, 140, 90, 90);
        g.setColor(skin);
        g.fillRect(s / 2 - 18, 140, 36, 46);
        g.fillOval(s / 2 - 52, 50, 104, 118);
        g.setColor(skin.darker().darker());
        g.fillArc(s / 2 - 56, 40, 112, 80, 0, 180);
        g.dispose();
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
