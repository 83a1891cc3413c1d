package io.skyscope.desktop.signin;

import io.skyscope.client.OidcSignIn;
import io.skyscope.client.GuestApi;
import io.skyscope.client.InviteLink;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.desktop.session.ServerAddress;
import io.skyscope.client.Tokens;
import io.skyscope.desktop.settings.Settings;
import io.skyscope.desktop.ui.Problems;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.RegisterRequest;
import io.skyscope.protocol.rest.SpaceView;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The sign-in screen's model: server address, username, password (and display name and invite
 * code when registering). Remembers the server and username; {@link #resume()} signs in with the
 * saved session. Requests run on a background executor; results come back through {@code fx}.
 */
public final class SignInModel {
    private static final int SSO_MINUTES = 5;
    private final Settings settings;
    private final Executor background;
    private final Executor fx;
    private final Consumer<Tokens> onSignedIn;
    private final StringProperty server = new SimpleStringProperty();
    private final StringProperty username = new SimpleStringProperty();
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty displayName = new SimpleStringProperty("");
    private final StringProperty inviteCode = new SimpleStringProperty("");
    private final BooleanProperty registering = new SimpleBooleanProperty(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper info = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper sso = new ReadOnlyStringWrapper("");
    private final Consumer<URI> browser;
    private final EmailSignInModel email;
    private final ReadOnlyStringWrapper guestLink = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper guestPlace = new ReadOnlyStringWrapper("");
    /** The server in the form before a guest link replaced it, for going back to an account's sign-in. */
    private String serverBeforeGuest;
    private java.util.function.BiConsumer<Tokens, SpaceView> onGuestJoined = (tokens, space) -> { };

    /** @param browser opens a web page in the system browser (single sign-on); called on a background thread */
    public SignInModel(Settings settings, Executor background, Executor fx, Consumer<Tokens> onSignedIn,
                       Consumer<URI> browser) {
        this.settings = settings;
        this.browser = browser;
        this.background = background;
        this.fx = fx;
        this.onSignedIn = onSignedIn;
        server.set(settings.server());
        username.set(settings.username());
        this.email = new EmailSignInModel(this, background, fx);
    }

    /** Signing in with a code sent by email, and resetting a forgotten password. */
    public EmailSignInModel email() {
        return email;
    }

    /** The server address in the form, or null (with the error set) when it is not one. */
    URI serverAddress() {
        try {
            return ServerAddress.parse(server.get());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return null;
        }
    }

    public StringProperty serverProperty() {
        return server;
    }

    public StringProperty usernameProperty() {
        return username;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty displayNameProperty() {
        return displayName;
    }

    public StringProperty inviteCodeProperty() {
        return inviteCode;
    }

    /** True to create an account instead of signing in. */
    public BooleanProperty registeringProperty() {
        return registering;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What went wrong with the last attempt, in words; empty when nothing did. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The server's single sign-on ("Acme" for "Sign in with Acme"), or empty when it has none. */
    public ReadOnlyStringProperty ssoProperty() {
        return sso.getReadOnlyProperty();
    }

    /**
     * Asks the server in the form which ways in it offers ({@code GET /api/v1/auth/options}); a server
     * without single sign-on (or older than it) shows no button.
     */
    public void checkOptions() {
        URI base;
        try {
            base = ServerAddress.parse(server.get());
        } catch (IllegalArgumentException e) {
            sso.set("");
            return;
        }
        background.execute(() -> {
            String label;
            try {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(8)).build();
                label = new SkyScopeApi(base, http).authOptions().sso();
            } catch (RuntimeException e) {
                label = null;
            }
            String shown = label == null ? "" : label;
            fx.execute(() -> {
                if (base.equals(safeParse(server.get()))) {
                    sso.set(shown);
                }
            });
        });
    }

    /**
     * Signs in through the server's single sign-on: the system browser opens the company's page and
     * comes back to a listener on this computer (client-core's {@link OidcSignIn}, PKCE); up to
     * {@value #SSO_MINUTES} minutes are allowed in the browser.
     */
    public void signInWithSso() {
        URI base = serverAddress();
        if (base == null) {
            return;
        }
        String invite = inviteCode.get() == null || inviteCode.get().isBlank() ? null
                : ServerAddress.inviteCode(inviteCode.get());
        run(base, api -> new OidcSignIn(api).signIn(browser, invite, Duration.ofMinutes(SSO_MINUTES)));
    }

    private static URI safeParse(String address) {
        try {
            return ServerAddress.parse(address);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Good news for the form ("your password was changed"); empty for none. */
    public ReadOnlyStringProperty infoProperty() {
        return info.getReadOnlyProperty();
    }

    void passwordChanged(String text) {
        password.set("");
        error.set("");
        info.set(text);
    }

    /**
     * Takes a link the app was opened with ({@code skyscope://…}) or that was pasted: an invite
     * fills in its server and code and switches to registering (an account that exists signs in
     * and accepts it from the space picker); a guest link fills in the server and sets {@link
     * #guestLinkProperty()}, for {@link #joinAsGuest()}.
     */
    public void useLink(InviteLink link) {
        if (link.kind() == InviteLink.Kind.GUEST && guestLink.get().isEmpty()) {
            serverBeforeGuest = server.get();
        }
        server.set(link.server().toString());
        error.set("");
        if (link.kind() == InviteLink.Kind.GUEST) {
            guestLink.set(link.appLink());
            guestPlace.set(link.server().getAuthority());
            return;
        }
        forgetGuestLink();
        inviteCode.set(link.code());
        registering.set(true);
    }

    /**
     * Takes a link pasted into the sign-in screen, as {@link #useLink}; one that does not parse
     * leaves the form as it was and says what is wrong with it.
     */
    public void openLink(String text) {
        try {
            useLink(InviteLink.parse(text));
        } catch (IllegalArgumentException e) {
            error.set("That is not an invite or guest link: " + e.getMessage() + ".");
        }
    }

    /** Forgets the guest link, back to signing in with an account on the server the form had before. */
    public void leaveGuestLink() {
        if (!guestLink.get().isEmpty() && serverBeforeGuest != null) {
            server.set(serverBeforeGuest);
        }
        forgetGuestLink();
    }

    private void forgetGuestLink() {
        guestLink.set("");
        guestPlace.set("");
        serverBeforeGuest = null;
        error.set("");
    }

    /** Says why the app came back to this screen (a guest visit ended), as an error in the form. */
    public void tell(String problem) {
        error.set(problem);
    }

    /**
     * Where the guest link leads, for "Join … as a guest": the server's host (and port); the space's
     * name is only known once joined, since the link's code is all a guest has.
     */
    public ReadOnlyStringProperty guestPlaceProperty() {
        return guestPlace.getReadOnlyProperty();
    }

    /** The guest link to join by (its app form), or empty when there is none. */
    public ReadOnlyStringProperty guestLinkProperty() {
        return guestLink.getReadOnlyProperty();
    }

    /** Where a guest goes once joined: the tokens and the one space they may enter. Called on {@code fx}. */
    public void onGuestJoined(java.util.function.BiConsumer<Tokens, SpaceView> then) {
        this.onGuestJoined = then;
    }

    /**
     * Joins by {@link #guestLinkProperty()} with the display name in the form, without an account.
     * The guest's tokens are not remembered: a guest's access ends with the link.
     */
    public void joinAsGuest() {
        InviteLink link;
        try {
            link = InviteLink.parse(guestLink.get());
        } catch (IllegalArgumentException e) {
            error.set("Open a guest link first: " + e.getMessage());
            return;
        }
        String name = displayName.get() == null ? "" : displayName.get().strip();
        if (name.isEmpty()) {
            error.set("Enter the name others will see.");
            return;
        }
        busy.set(true);
        error.set("");
        String shown = link.server().toString();
        background.execute(() -> {
            try {
                SkyScopeApi api = new SkyScopeApi(link.server(),
                        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(8)).build());
                var joined = new GuestApi(api).join(link.code(), name);
                Tokens session = Tokens.of(api, joined.tokens());
                SpaceView space = api.space(session.accessToken(), joined.spaceId());
                fx.execute(() -> {
                    busy.set(false);
                    onGuestJoined.accept(session, space);
                });
            } catch (RuntimeException e) {
                String message = guestProblem(e, shown);
                fx.execute(() -> {
                    busy.set(false);
                    error.set(message);
                });
            }
        });
    }

    /** Why joining by a guest link failed, in the words of the guest rules (docs/protocol.md, Guests). */
    static String guestProblem(RuntimeException e, String server) {
        if (e instanceof io.skyscope.client.ApiError api) {
            return switch (api.status()) {
                case 404 -> "This guest link has expired or was revoked. Ask whoever sent it for a new one.";
                case 409 -> "This guest link has let in as many guests as it may. Ask whoever sent it for a new one.";
                case 429 -> "Too many guests joined by this link or from this computer in the last hour. "
                        + "Try again later.";
                case 400 -> "That name cannot be used: " + Problems.describe(e, server);
                default -> Problems.describe(e, server);
            };
        }
        return Problems.describe(e, server);
    }

    /** Whether a saved session exists to resume. */
    public boolean canResume() {
        return settings.refreshToken().isPresent();
    }

    /** Signs in or registers with what is in the form. */
    public void submit() {
        URI base;
        try {
            base = ServerAddress.parse(server.get());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        String user = username.get() == null ? "" : username.get().strip();
        String pass = password.get() == null ? "" : password.get();
        if (user.isEmpty() || pass.isEmpty()) {
            error.set("Enter your username and password.");
            return;
        }
        boolean register = registering.get();
        String name = displayName.get() == null || displayName.get().isBlank() ? null : displayName.get().strip();
        String invite = inviteCode.get() == null || inviteCode.get().isBlank() ? null
                : ServerAddress.inviteCode(inviteCode.get());
        run(base, api -> register
                ? api.register(new RegisterRequest(user, pass, name, invite))
                : api.login(user, pass));
    }

    /** Signs in with the saved refresh token; on failure the form is shown with a note. */
    public void resume() {
        var token = settings.refreshToken();
        if (token.isEmpty()) {
            return;
        }
        URI base;
        try {
            base = ServerAddress.parse(server.get());
        } catch (IllegalArgumentException e) {
            return;
        }
        run(base, api -> {
            try {
                return api.refresh(token.get());
            } catch (io.skyscope.client.ApiError e) {
                if (e.status() == 401) {
                    settings.refreshToken(null); // spent or revoked: the password is needed again
                }
                throw e;
            }
        });
    }

    private void remember(AuthResponse auth) {
        settings.refreshToken(auth.refreshToken());
        settings.username(auth.username());
    }

    /** Signs in with what {@code call} gets from the server at {@code base}, then moves on as after a password. */
    void run(URI base, java.util.function.Function<SkyScopeApi, AuthResponse> call) {
        busy.set(true);
        error.set("");
        info.set("");
        String shown = base.toString();
        background.execute(() -> {
            try {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(8)).build();
                SkyScopeApi api = new SkyScopeApi(base, http);
                AuthResponse auth = call.apply(api);
                settings.server(shown);
                Tokens session = Tokens.of(api, auth);
                // Each rotated refresh token is saved, so the next start signs in without a password.
                remember(auth);
                session.onRenewed(this::remember);
                fx.execute(() -> {
                    busy.set(false);
                    password.set("");
                    onSignedIn.accept(session);
                });
            } catch (RuntimeException e) {
                String message = Problems.describe(e, shown);
                fx.execute(() -> {
                    busy.set(false);
                    error.set(message);
                });
            }
        });
    }
}
