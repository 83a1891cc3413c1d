package io.skyscope.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.protocol.Status;
import io.skyscope.protocol.rest.AccountDeletion;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.ErrorBody;
import io.skyscope.protocol.rest.InviteView;
import io.skyscope.protocol.rest.LoginRequest;
import io.skyscope.protocol.rest.PasswordChange;
import io.skyscope.protocol.rest.Profile;
import io.skyscope.protocol.rest.ProfileUpdate;
import io.skyscope.protocol.rest.RefreshRequest;
import io.skyscope.protocol.rest.RegisterRequest;
import io.skyscope.protocol.rest.SpaceCreate;
import io.skyscope.protocol.rest.SpaceView;
import io.skyscope.server.auth.RegistrationMode;
import io.skyscope.server.http.RestApiTestServer.Response;
import io.skyscope.server.testing.EmbeddedMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Account and session routes end to end: real HTTP, real Javalin, real services and store. */
class AuthRoutesTest {
    @RegisterExtension
    final EmbeddedMongo mongo = new EmbeddedMongo();
    private RestApiTestServer server;

    private RestApiTestServer start(RegistrationMode mode) {
        server = new RestApiTestServer(mongo.store(), mode);
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private AuthResponse register(String username, String password) {
        Response r = server.post("/api/v1/auth/register", null, new RegisterRequest(username, password, null, null));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.as(AuthResponse.class);
    }

    @Test
    void registerLoginAndProfile() {
        start(RegistrationMode.OPEN);
        AuthResponse alice = register("Alice", "velvet ladder 41");
        assertThat(alice.username()).isEqualTo("Alice");
        assertThat(alice.expiresIn()).isEqualTo(900);

        Response duplicate = server.post("/api/v1/auth/register", null,
                new RegisterRequest("alice", "velvet ladder 41", null, null));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.error()).isEqualTo(new ErrorBody("username_taken", duplicate.error().message(),
                "username", null));

        Response login = server.post("/api/v1/auth/login", null, new LoginRequest("ALICE", "velvet ladder 41"));
        assertThat(login.status()).isEqualTo(200);
        String token = login.as(AuthResponse.class).accessToken();

        Response wrong = server.post("/api/v1/auth/login", null, new LoginRequest("alice", "amber kettle 73"));
        Response unknown = server.post("/api/v1/auth/login", null, new LoginRequest("nobody", "amber kettle 73"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(unknown.body());

        Profile me = server.get("/api/v1/me", token).as(Profile.class);
        assertThat(me.userId()).isEqualTo(alice.userId());
        assertThat(me.serverAdmin()).as("first account").isTrue();
        assertThat(me.status()).isEqualTo(Status.AVAILABLE);
        assertThat(me.createdAt()).isNotNull();

        Response patched = server.call("PATCH", "/api/v1/me", token,
                new ProfileUpdate("Alice A.", "b3", Status.DND, "focus"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body()).contains("\"status\":\"dnd\"");
        assertThat(server.get("/api/v1/me", token).as(Profile.class))
                .extracting(Profile::displayName, Profile::avatar, Profile::statusText)
                .containsExactly("Alice A.", "b3", "focus");

        assertThat(server.get("/api/v1/me", null).status()).isEqualTo(401);
        assertThat(server.get("/api/v1/me", "not-a-jwt").error().message()).contains("malformed");
    }

    @Test
    void badBodiesAreRefusedNamingTheField() {
        start(RegistrationMode.OPEN);
        ErrorBody badName = server.post("/api/v1/auth/register", null,
                new RegisterRequest("no spaces", "velvet ladder 41", null, null)).error();
        assertThat(badName.field()).isEqualTo("username");
        assertThat(badName.code()).isEqualTo("invalid_field");

        Response unknownField = server.post("/api/v1/auth/login", null, "{\"username\":\"a\",\"pasword\":\"x\"}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.error().field()).isEqualTo("pasword");

        Response wrongType = server.post("/api/v1/auth/login", null, "{\"username\":[1],\"password\":\"x\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.error().field()).isEqualTo("username");

        AuthResponse a = register("alice", "velvet ladder 41");
        Response badStatus = server.call("PATCH", "/api/v1/me", a.accessToken(), "{\"status\":\"asleep\"}");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.error().field()).isEqualTo("status");

        assertThat(server.post("/api/v1/auth/login", null, "{not json").status()).isEqualTo(400);
        assertThat(server.post("/api/v1/auth/login", null, "").status()).isEqualTo(400);
        assertThat(server.post("/api/v1/auth/login", null, "{\"username\":\"a\",\"username\":\"b\"}").status())
                .isEqualTo(400);
    }

    @Test
    void aPasswordThatIsEasyToGuessIsRefusedNamingTheField() {
        start(RegistrationMode.OPEN);
        for (String weak : new String[] {"password", "12345678", "        ", "carol-lynn"}) {
            Response r = server.post("/api/v1/auth/register", null, new RegisterRequest("carol-lynn", weak, null, null));
            assertThat(r.status()).as(weak).isEqualTo(400);
            assertThat(r.error().field()).isEqualTo("password");
            assertThat(r.error().message()).startsWith("Password is too easy to guess");
        }
    }

    @Test
    void repeatedWrongPasswordsAreThrottledWithRetryAfter() {
        start(RegistrationMode.OPEN);
        register("alice", "velvet ladder 41");
        for (int i = 0; i < 5; i++) {
            assertThat(server.post("/api/v1/auth/login", null, new LoginRequest("alice", "nope-nope")).status())
                    .isEqualTo(401);
        }

        Response throttled = server.post("/api/v1/auth/login", null, new LoginRequest("alice", "velvet ladder 41"));
        assertThat(throttled.status()).isEqualTo(429);
        // The first back-off for this account from this address; it doubles with each further failure.
        assertThat(throttled.header("Retry-After")).isEqualTo("1");
        assertThat(throttled.error().code()).isEqualTo("rate_limited");
        assertThat(throttled.error().retryAfterSeconds()).isEqualTo(1L);
    }

    @Test
    void refreshRotatesDetectsReuseAndLogoutEnds() {
        start(RegistrationMode.OPEN);
        AuthResponse first = register("alice", "velvet ladder 41");

        Response refreshed = server.post("/api/v1/auth/refresh", null, new RefreshRequest(first.refreshToken()));
        assertThat(refreshed.status()).isEqualTo(200);
        AuthResponse second = refreshed.as(AuthResponse.class);
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(server.get("/api/v1/me", second.accessToken()).status()).isEqualTo(200);

        Response reused = server.post("/api/v1/auth/refresh", null, new RefreshRequest(first.refreshToken()));
        assertThat(reused.status()).isEqualTo(401);
        assertThat(server.post("/api/v1/auth/refresh", null, new RefreshRequest(second.refreshToken())).status())
                .as("the whole family is revoked").isEqualTo(401);

        AuthResponse session = server.post("/api/v1/auth/login", null, new LoginRequest("alice", "velvet ladder 41"))
                .as(AuthResponse.class);
        assertThat(server.post("/api/v1/auth/logout", null, new RefreshRequest(session.refreshToken())).status())
                .isEqualTo(204);
        assertThat(server.post("/api/v1/auth/refresh", null, new RefreshRequest(session.refreshToken())).status())
                .isEqualTo(401);
    }

    @Test
    void passwordChangeThenAccountDeletion() {
        start(RegistrationMode.OPEN);
        register("admin", "velvet ladder 41");
        AuthResponse bob = register("bob", "velvet ladder 41");

        Response wrongCurrent = server.post("/api/v1/me/password", bob.accessToken(),
                new PasswordChange("password9", "amber kettle 73"));
        assertThat(wrongCurrent.status()).isEqualTo(400);
        assertThat(wrongCurrent.error().field()).isEqualTo("currentPassword");
        assertThat(server.post("/api/v1/me/password", bob.accessToken(), new PasswordChange("velvet ladder 41", "amber kettle 73"))
                .status()).isEqualTo(204);
        assertThat(server.post("/api/v1/auth/login", null, new LoginRequest("bob", "velvet ladder 41")).status())
                .isEqualTo(401);
        assertThat(server.post("/api/v1/auth/refresh", null, new RefreshRequest(bob.refreshToken())).status())
                .isEqualTo(401);
        String token = server.post("/api/v1/auth/login", null, new LoginRequest("bob", "amber kettle 73"))
                .as(AuthResponse.class).accessToken();

        SpaceView own = server.post("/api/v1/spaces", token, new SpaceCreate("Bob's", "private")).as(SpaceView.class);
        Response refused = server.call("DELETE", "/api/v1/me", token, new AccountDeletion("amber kettle 73"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error().message()).contains(own.id());
        assertThat(server.call("DELETE", "/api/v1/spaces/" + own.id(), token, null).status()).isEqualTo(204);

        assertThat(server.call("DELETE", "/api/v1/me", token, new AccountDeletion("amber kettle 73")).status())
                .isEqualTo(204);
        assertThat(server.post("/api/v1/auth/login", null, new LoginRequest("bob", "amber kettle 73")).status())
                .isEqualTo(401);
        assertThat(server.get("/api/v1/me", token).status()).as("token outlives the account, not its use")
                .isEqualTo(401);
    }

    @Test
    void inviteOnlyRegistration() {
        start(RegistrationMode.INVITE);
        AuthResponse admin = register("admin", "velvet ladder 41");
        SpaceView team = server.post("/api/v1/spaces", admin.accessToken(), new SpaceCreate("Team", "private"))
                .as(SpaceView.class);
        InviteView invite = server.post("/api/v1/spaces/" + team.id() + "/invites", admin.accessToken(), null)
                .as(InviteView.class);

        Response without = server.post("/api/v1/auth/register", null,
                new RegisterRequest("bob", "velvet ladder 41", null, null));
        assertThat(without.status()).isEqualTo(400);
        assertThat(without.error().field()).isEqualTo("inviteCode");

        Response with = server.post("/api/v1/auth/register", null,
                new RegisterRequest("bob", "velvet ladder 41", "Bob", invite.code()));
        assertThat(with.status()).isEqualTo(201);
        String bobToken = with.as(AuthResponse.class).accessToken();
        assertThat(server.get("/api/v1/spaces/" + team.id(), bobToken).as(SpaceView.class).myRole())
                .isEqualTo("member");
    }

    @Test
    void unknownRoutesAndServerErrorsAnswerWithErrorBodies() {
        start(RegistrationMode.OPEN);
        Response missing = server.get("/api/v1/nothing-here", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error().code()).isEqualTo("not_found");

        Response boom = server.get("/api/v1/test/boom", null);
        assertThat(boom.status()).isEqualTo(500);
        assertThat(boom.error().code()).isEqualTo("internal");
        assertThat(boom.body()).doesNotContain("internal detail");
    }
}
