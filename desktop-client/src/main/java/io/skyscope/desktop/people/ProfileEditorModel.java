package io.skyscope.desktop.people;

import io.skyscope.client.Session;
import io.skyscope.desktop.ui.Problems;
import io.skyscope.protocol.rest.Profile;
import io.skyscope.protocol.rest.ProfileUpdate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.image.Image;

/**
 * My profile editor: display name, bio, pronouns, job title, time zone, photo (uploaded as chosen,
 * previewed at once) and an email address verified by a code. {@link #open()} reads my profile
 * and whether the server sends email; {@link #save()} sends the text fields in one
 * {@code PATCH /api/v1/me}, which the server checks as a whole.
 *
 * <p>Threads: FX thread; requests run on {@code background} and come back through {@code fx}.
 */
public final class ProfileEditorModel {
    /** The server's limits, so a field says it is too long before a request is made. */
    public static final int MAX_BIO = 500;
    public static final int MAX_PRONOUNS = 40;
    public static final int MAX_JOB_TITLE = 100;
    /** The server refuses photos over 4 MB; reading a bigger file would only waste memory. */
    static final long MAX_PHOTO_BYTES = 4L * 1024 * 1024;

    private final Session link;
    private final Photos photos;
    private final Executor background;
    private final Executor fx;
    private final StringProperty displayName = new SimpleStringProperty("");
    private final StringProperty bio = new SimpleStringProperty("");
    private final StringProperty pronouns = new SimpleStringProperty("");
    private final StringProperty jobTitle = new SimpleStringProperty("");
    private final StringProperty timeZone = new SimpleStringProperty("");
    private final StringProperty newEmail = new SimpleStringProperty("");
    private final StringProperty emailCode = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper visible = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Profile> profile = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Image> preview = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper emailOn = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper codeSent = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper emailNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    ProfileEditorModel(Session link, Photos photos, Executor background, Executor fx) {
        this.link = link;
        this.photos = photos;
        this.background = background;
        this.fx = fx;
    }

    public StringProperty displayNameProperty() {
        return displayName;
    }

    public StringProperty bioProperty() {
        return bio;
    }

    public StringProperty pronounsProperty() {
        return pronouns;
    }

    public StringProperty jobTitleProperty() {
        return jobTitle;
    }

    /** An IANA id such as {@code Europe/Paris}, or empty for none. */
    public StringProperty timeZoneProperty() {
        return timeZone;
    }

    /** The address to verify. */
    public StringProperty newEmailProperty() {
        return newEmail;
    }

    public StringProperty emailCodeProperty() {
        return emailCode;
    }

    public ReadOnlyBooleanProperty visibleProperty() {
        return visible.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** My profile as the server last gave it; null until loaded. */
    public ReadOnlyObjectProperty<Profile> profileProperty() {
        return profile.getReadOnlyProperty();
    }

    /** My photo: the file just chosen, then the server's square version; null for none. */
    public ReadOnlyObjectProperty<Image> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** Whether the server sends email (it has SMTP); else the email part says why not. */
    public ReadOnlyBooleanProperty emailOnProperty() {
        return emailOn.getReadOnlyProperty();
    }

    /** A code was sent to {@link #newEmailProperty()}; the code field is shown. */
    public ReadOnlyBooleanProperty codeSentProperty() {
        return codeSent.getReadOnlyProperty();
    }

    /** My verified address, or why email is off. */
    public ReadOnlyStringProperty emailNoteProperty() {
        return emailNote.getReadOnlyProperty();
    }

    /** What the last action did ("Saved."); empty for nothing. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** What went wrong with the last action; empty when nothing did. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Every time zone the picker offers, sorted. */
    public static List<String> timeZones() {
        return ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/") && !z.startsWith("Etc/")
                && !z.startsWith("SystemV/")).sorted().toList();
    }

    /** Shows the editor and reads my profile and whether the server sends email. */
    public void open() {
        visible.set(true);
        message.set("");
        error.set("");
        codeSent.set(false);
        emailCode.set("");
        request(() -> {
            boolean email = link.api().emailEnabled();
            Profile me = link.api().me(link.tokens().accessToken());
            return () -> {
                emailOn.set(email);
                loaded(me);
            };
        }, null);
    }

    public void close() {
        visible.set(false);
    }

    /** Saves the text fields; the server checks them all before writing any. */
    public void save() {
        String problem = tooLong("Bio", bio.get(), MAX_BIO);
        problem = problem != null ? problem : tooLong("Pronouns", pronouns.get(), MAX_PRONOUNS);
        problem = problem != null ? problem : tooLong("Job title", jobTitle.get(), MAX_JOB_TITLE);
        String zone = text(timeZone);
        if (problem == null && !zone.isEmpty() && !ZoneId.getAvailableZoneIds().contains(zone)) {
            problem = "Pick a time zone from the list (like Europe/Paris).";
        }
        if (problem == null && text(displayName).isEmpty()) {
            problem = "Your display name cannot be empty.";
        }
        if (problem != null) {
            error.set(problem);
            message.set("");
            return;
        }
        ProfileUpdate update = new ProfileUpdate(text(displayName), null, null, null,
                // the server keeps a bio on one line: a line break typed in the box becomes a space
                text(bio).replaceAll("\\s*\\R\\s*", " "), text(pronouns),
                text(jobTitle), zone);
        request(() -> {
            Profile saved = link.api().updateProfile(link.tokens().accessToken(), update);
            return () -> {
                loaded(saved);
                message.set("Saved. People in the space see it now.");
            };
        }, null);
    }

    /** Reads a PNG or JPEG, previews it and makes it my photo (the server crops it square). */
    public void uploadPhoto(Path file) {
        request(() -> {
            if (Files.size(file) > MAX_PHOTO_BYTES) {
                throw new IllegalArgumentException("That picture is larger than 4 MB. Pick a smaller one.");
            }
            byte[] bytes = Files.readAllBytes(file);
            String type = contentType(bytes);
            if (type == null) {
                throw new IllegalArgumentException("Pick a PNG or JPEG picture.");
            }
            Image local = new Image(new ByteArrayInputStream(bytes));
            fx.execute(() -> preview.set(local.isError() ? null : local));
            Profile saved = link.api().uploadPhoto(link.tokens().accessToken(), bytes, type);
            return () -> {
                loaded(saved);
                message.set("Photo saved.");
            };
        }, "Uploading your photo…");
    }

    public void removePhoto() {
        request(() -> {
            Profile saved = link.api().deletePhoto(link.tokens().accessToken());
            return () -> {
                loaded(saved);
                message.set("Photo removed.");
            };
        }, null);
    }

    /** Sends a code to the address in {@link #newEmailProperty()}. */
    public void sendEmailCode() {
        String address = text(newEmail);
        if (!address.contains("@")) {
            error.set("Enter an email address.");
            return;
        }
        request(() -> {
            link.api().addEmail(link.tokens().accessToken(), address);
            return () -> {
                codeSent.set(true);
                message.set("We sent a code to " + address + ". Enter it below.");
            };
        }, null);
    }

    /** Verifies the address with the code that was sent to it. */
    public void verifyEmail() {
        String code = text(emailCode);
        if (code.isEmpty()) {
            error.set("Enter the code from the email.");
            return;
        }
        request(() -> {
            Profile saved = link.api().verifyEmail(link.tokens().accessToken(), code);
            return () -> {
                codeSent.set(false);
                emailCode.set("");
                newEmail.set("");
                loaded(saved);
                message.set("Your email address is verified.");
            };
        }, null);
    }

    private void loaded(Profile me) {
        profile.set(me);
        displayName.set(me.displayName() == null ? "" : me.displayName());
        bio.set(me.bio() == null ? "" : me.bio());
        pronouns.set(me.pronouns() == null ? "" : me.pronouns());
        jobTitle.set(me.jobTitle() == null ? "" : me.jobTitle());
        timeZone.set(me.timeZone() == null ? "" : me.timeZone());
        photos.version(me.userId(), me.photo());
        showPhoto();
        emailNote.set(!emailOn.get()
                ? "Email is off on this server: it has no mail server (SMTP) configured, so addresses cannot be"
                        + " verified. Ask its admin to set SMTP_HOST."
                : me.email() == null ? "No verified address yet. Add one to sign in by email or reset your password."
                : "Verified address: " + me.email());
    }

    /** The server's photo once it is here; the chosen file until then. */
    public void showPhoto() {
        Profile me = profile.get();
        if (me == null) {
            return;
        }
        if (me.photo() == null) {
            preview.set(null);
            return;
        }
        Image server = photos.photo(me.userId(), Photos.LARGE);
        if (server != null) {
            preview.set(server);
        }
    }

    private void request(Supplier0 call, String working) {
        busy.set(true);
        error.set("");
        message.set(working == null ? "" : working);
        background.execute(() -> {
            try {
                Runnable then = call.get();
                fx.execute(() -> {
                    busy.set(false);
                    then.run();
                });
            } catch (IOException | RuntimeException e) {
                String why = e instanceof IOException ? "Could not read that file: " + e.getMessage()
                        : Problems.describe(e, link.api().base().toString());
                fx.execute(() -> {
                    busy.set(false);
                    message.set("");
                    error.set(why);
                });
            }
        });
    }

    /** A request that may read files; returns what to do on the FX thread. */
    @FunctionalInterface
    private interface Supplier0 {
        Runnable get() throws IOException;
    }

    /** {@code image/png} or {@code image/jpeg} by the file's first bytes, or null for anything else. */
    static String contentType(byte[] bytes) {
        if (bytes.length > 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G') {
            return "image/png";
        }
        if (bytes.length > 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        return null;
    }

    private static String tooLong(String what, String value, int max) {
        return value != null && value.strip().length() > max ? what + " is longer than " + max + " characters." : null;
    }

    private static String text(StringProperty p) {
        return p.get() == null ? "" : p.get().strip();
    }
}
