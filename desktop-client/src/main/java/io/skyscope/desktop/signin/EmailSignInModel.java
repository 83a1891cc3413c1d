package io.skyscope.desktop.signin;

import io.skyscope.client.SkyScopeApi;
import io.skyscope.desktop.ui.Problems;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Signing in without a password: "Email me a code" sends a one-time code to a verified address,
 * and "Forgot password" sets a new password with a code. Both ask the server first whether it
 * sends email ({@code GET /health}); when it does not, the form says why instead.
 *
 * <p>Threads: FX thread; requests run on {@code background} and come back through {@code fx}.
 */
public final class EmailSignInModel {
    /** Which form the sign-in screen shows. */
    public enum Mode { PASSWORD, CODE, RESET }

    private final SignInModel signIn;
    private final Executor background;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<Mode> mode = new ReadOnlyObjectWrapper<>(Mode.PASSWORD);
    private final StringProperty email = new SimpleStringProperty("");
    private final StringProperty code = new SimpleStringProperty("");
    private final StringProperty newPassword = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper emailOn = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper codeSent = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    EmailSignInModel(SignInModel signIn, Executor background, Executor fx) {
        this.signIn = signIn;
        this.background = background;
        this.fx = fx;
    }

    public ReadOnlyObjectProperty<Mode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    public StringProperty emailProperty() {
        return email;
    }

    public StringProperty codeProperty() {
        return code;
    }

    public StringProperty newPasswordProperty() {
        return newPassword;
    }

    /** The server said it sends email: the address field and its button are shown. */
    public ReadOnlyBooleanProperty emailOnProperty() {
        return emailOn.getReadOnlyProperty();
    }

    /** A code was sent: the code (and new password) fields are shown. */
    public ReadOnlyBooleanProperty codeSentProperty() {
        return codeSent.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What to do next, or why email is off. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Shows the email-code form (or the reset form), asking the server whether it sends email. */
    public void start(Mode wanted) {
        mode.set(wanted);
        codeSent.set(false);
        code.set("");
        newPassword.set("");
        error.set("");
        emailOn.set(false);
        if (wanted == Mode.PASSWORD) {
            return;
        }
        note.set("Asking the server whether it sends email…");
        request(api -> {
            boolean on = api.emailEnabled();
            return () -> {
                emailOn.set(on);
                note.set(on ? (wanted == Mode.CODE
                        ? "We email a one-time code to the verified address of your account."
                        : "We email a code to the verified address of your account; with it you set a new password.")
                        : "This server does not send email: its admin has not configured a mail server (SMTP), so"
                                + " codes by email and password resets are off. Sign in with your password, or ask"
                                + " the admin.");
            };
        });
    }

    /** Back to the password form. */
    public void back() {
        start(Mode.PASSWORD);
    }

    /** Sends the code for the current form to the address. */
    public void sendCode() {
        String address = text(email);
        if (!address.contains("@")) {
            error.set("Enter the email address of your account.");
            return;
        }
        Mode m = mode.get();
        request(api -> {
            if (m == Mode.CODE) {
                api.requestSignInCode(address);
            } else {
                api.requestPasswordReset(address);
            }
            return () -> {
                codeSent.set(true);
                note.set("If " + address + " belongs to an account, a code is on its way. It is good for a few"
                        + " minutes, once.");
            };
        });
    }

    /** Signs in with the code, or sets the new password with it. */
    public void submit() {
        String address = text(email);
        String c = text(code);
        if (c.isEmpty()) {
            error.set("Enter the code from the email.");
            return;
        }
        if (mode.get() == Mode.CODE) {
            URI base = signIn.serverAddress();
            if (base != null) {
                signIn.run(base, api -> api.loginWithCode(address, c));
            }
            return;
        }
        String password = newPassword.get() == null ? "" : newPassword.get();
        if (password.isEmpty()) {
            error.set("Choose a new password.");
            return;
        }
        request(api -> {
            api.resetPassword(address, c, password);
            return () -> {
                start(Mode.PASSWORD);
                note.set("");
                signIn.passwordChanged("Your password was changed. Sign in with it.");
            };
        });
    }

    private void request(java.util.function.Function<SkyScopeApi, Runnable> call) {
        URI base = signIn.serverAddress();
        if (base == null) {
            return;
        }
        busy.set(true);
        error.set("");
        background.execute(() -> {
            try {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(8)).build();
                Runnable then = call.apply(new SkyScopeApi(base, http));
                fx.execute(() -> {
                    busy.set(false);
                    then.run();
                });
            } catch (RuntimeException e) {
                String why = Problems.describe(e, base.toString());
                fx.execute(() -> {
                    busy.set(false);
                    error.set(why);
                });
            }
        });
    }

    private static String text(StringProperty p) {
        return p.get() == null ? "" : p.get().strip();
    }
}
