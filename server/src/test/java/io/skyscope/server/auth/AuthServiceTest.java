package io.skyscope.server.auth;

import io.skyscope.server.http.HttpErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyscope.protocol.Status;
import io.skyscope.server.Refused;
import io.skyscope.server.space.SpaceService;
import io.skyscope.server.store.Users.User;
import io.skyscope.server.testing.EmbeddedMongo;
import io.skyscope.server.testing.TestServices;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthServiceTest {
    private static final String IP = "192.0.2.1";

    @RegisterExtension
    final EmbeddedMongo mongo = new EmbeddedMongo();

    private TestServices open() {
        return new TestServices(mongo.store());
    }

    @Test
    void passwordsThatAreEasyToGuessAreRefusedSayingWhy() {
        TestServices s = open();
        for (String weak : List.of("password", "12345678", "        ", "password1", "qwertyuiop", "iloveyou1")) {
            Refused refused = catchApi(() -> s.auth.register("alice", weak, null, null, IP));
            assertThat(refused.field()).as(weak).isEqualTo("password");
            assertThat(refused.getMessage()).as(weak).startsWith("Password is too easy to guess");
        }
        assertThat(catchApi(() -> s.auth.register("sebastian", "sebastian", null, null, IP)).getMessage())
                .contains("built on your username");
        assertThat(catchApi(() -> s.auth.register("zorblax", "Zorblax2024", null, null, IP)).getMessage())
                .contains("built on your username");
        AuthTokens t = s.auth.register("alice", "velvet ladder 41", null, null, IP);
        assertField(() -> s.auth.changePassword(t.userId(), "velvet ladder 41", "alice123", IP), "newPassword");
    }

    @Test
    void registerValidatesEachFieldByName() {
        AuthService auth = open().auth;
        assertField(() -> auth.register("ab", "velvet ladder 41", null, null, IP), "username");
        assertField(() -> auth.register("bad name", "velvet ladder 41", null, null, IP), "username");
        assertField(() -> auth.register("x".repeat(33), "velvet ladder 41", null, null, IP), "username");
        assertField(() -> auth.register("alice", "short", null, null, IP), "password");
        assertField(() -> auth.register("alice", "p".repeat(257), null, null, IP), "password");
        assertField(() -> auth.register("alice", "velvet ladder 41", "   ", null, IP), "displayName");
        assertField(() -> auth.register("alice", "velvet ladder 41", "a\nb", null, IP), "displayName");
        assertField(() -> auth.register("alice", "velvet ladder 41", "d".repeat(65), null, IP), "displayName");
    }

    @Test
    void firstAccountIsServerAdminAndOwnsTheDefaultSpace() {
        TestServices s = open();
        AuthTokens alice = s.auth.register("Alice", "velvet ladder 41", "  Alice A.  ", null, IP);
        AuthTokens bob = s.auth.register("bob", "amber kettle 73", null, null, IP);

        User a = s.users.findById(alice.userId()).orElseThrow();
        assertThat(a.serverAdmin()).isTrue();
        assertThat(a.displayName()).isEqualTo("Alice A.");
        assertThat(s.users.findById(bob.userId()).orElseThrow().serverAdmin()).isFalse();
        assertThat(s.users.findById(bob.userId()).orElseThrow().displayName()).isEqualTo("bob");
        assertThat(s.spaces.find(SpaceService.DEFAULT_SPACE_ID).orElseThrow().ownerId()).isEqualTo(alice.userId());
        assertThat(s.spaceService.role(alice.userId(), SpaceService.DEFAULT_SPACE_ID)).contains("owner");
        assertThat(s.tokens.verify(alice.accessToken()).userId()).isEqualTo(alice.userId());
        assertThat(alice.expiresInSeconds()).isEqualTo(900);
    }

    @Test
    void configuredAdminUsernameBecomesServerAdmin() {
        TestServices s = new TestServices(mongo.store(), RegistrationMode.OPEN, "boss");
        s.auth.register("first", "velvet ladder 41", null, null, IP);
        AuthTokens boss = s.auth.register("Boss", "velvet ladder 41", null, null, IP);

        assertThat(s.users.findById(boss.userId()).orElseThrow().serverAdmin()).isTrue();
    }

    @Test
    void duplicateUsernameIsAConflict() {
        AuthService auth = open().auth;
        auth.register("alice", "velvet ladder 41", null, null, IP);

        assertThatThrownBy(() -> auth.register("ALICE", "velvet ladder 41", null, null, IP))
                .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.code().wire()).isEqualTo("username_taken"));
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameAnswer() {
        AuthService auth = open().auth;
        auth.register("alice", "velvet ladder 41", null, null, IP);

        Refused wrong = catchApi(() -> auth.login("alice", "amber kettle 73", IP));
        Refused unknown = catchApi(() -> auth.login("nobody", "amber kettle 73", IP));
        assertThat(HttpErrors.status(wrong.code())).isEqualTo(401);
        assertThat(HttpErrors.status(unknown.code())).isEqualTo(401);
        assertThat(wrong.getMessage()).isEqualTo(unknown.getMessage());
        assertThat(auth.login("ALICE", "velvet ladder 41", IP).username()).isEqualTo("alice");
    }

    @Test
    void sixthWrongPasswordIsThrottledEvenIfRight() {
        AuthService auth = open().auth;
        auth.register("alice", "velvet ladder 41", null, null, IP);
        for (int i = 0; i < 5; i++) {
            assertThat(HttpErrors.status(catchApi(() -> auth.login("alice", "wrong-password", IP)).code())).isEqualTo(401);
        }
        Refused throttled = catchApi(() -> auth.login("alice", "velvet ladder 41", IP));
        assertThat(HttpErrors.status(throttled.code())).isEqualTo(429);
        assertThat(throttled.retryAfter()).isPositive();
    }

    @Test
    void refreshRotatesAndReuseRevokesTheFamily() {
        TestServices s = open();
        AuthTokens first = s.auth.register("alice", "velvet ladder 41", null, null, IP);

        AuthTokens second = s.auth.refresh(first.refreshToken());
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(second.userId()).isEqualTo(first.userId());
        AuthTokens third = s.auth.refresh(second.refreshToken());

        // An old token shows up again: someone else has a copy. The whole family goes.
        assertThat(catchApi(() -> s.auth.refresh(first.refreshToken())).getMessage()).contains("already used");
        assertThat(HttpErrors.status(catchApi(() -> s.auth.refresh(third.refreshToken())).code())).isEqualTo(401);
        // Other sessions are untouched.
        AuthTokens other = s.auth.login("alice", "velvet ladder 41", IP);
        assertThat(s.auth.refresh(other.refreshToken()).userId()).isEqualTo(first.userId());
    }

    @Test
    void refreshTokensExpireAndLogoutEndsTheSession() {
        TestServices s = open();
        AuthTokens t = s.auth.register("alice", "velvet ladder 41", null, null, IP);
        s.clock.advance(AuthService.REFRESH_TTL.plusSeconds(1));
        assertThat(catchApi(() -> s.auth.refresh(t.refreshToken())).getMessage()).contains("expired");

        AuthTokens u = s.auth.login("alice", "velvet ladder 41", IP);
        s.auth.logout(u.refreshToken());
        s.auth.logout(u.refreshToken());
        s.auth.logout("unknown-token");
        assertThat(HttpErrors.status(catchApi(() -> s.auth.refresh(u.refreshToken())).code())).isEqualTo(401);
        assertThat(s.auth.purgeExpiredTokens()).isEqualTo(1);
    }

    @Test
    void passwordChangeChecksTheCurrentOneAndSignsOutEverywhere() {
        TestServices s = open();
        AuthTokens t = s.auth.register("alice", "velvet ladder 41", null, null, IP);

        assertField(() -> s.auth.changePassword(t.userId(), "wrong-password", "amber kettle 73", IP), "currentPassword");
        assertField(() -> s.auth.changePassword(t.userId(), "velvet ladder 41", "short", IP), "newPassword");
        s.auth.changePassword(t.userId(), "velvet ladder 41", "amber kettle 73", IP);

        assertThat(HttpErrors.status(catchApi(() -> s.auth.refresh(t.refreshToken())).code())).isEqualTo(401);
        assertThat(HttpErrors.status(catchApi(() -> s.auth.login("alice", "velvet ladder 41", IP)).code())).isEqualTo(401);
        assertThat(s.auth.login("alice", "amber kettle 73", IP).userId()).isEqualTo(t.userId());
    }

    @Test
    void profileUpdateValidatesAndKeepsUnsetFields() {
        TestServices s = open();
        AuthTokens t = s.auth.register("alice", "velvet ladder 41", "Alice", null, IP);

        User u = s.auth.updateProfile(t.userId(), null, "b2", Status.BUSY, " in a meeting ");
        assertThat(u.displayName()).isEqualTo("Alice");
        assertThat(u.avatar()).isEqualTo("b2");
        assertThat(u.status()).isEqualTo(Status.BUSY);
        assertThat(u.statusText()).isEqualTo("in a meeting");
        assertField(() -> s.auth.updateProfile(t.userId(), null, "../etc", null, null), "avatar");
        assertField(() -> s.auth.updateProfile(t.userId(), null, null, null, "x".repeat(141)), "statusText");
        assertField(() -> s.auth.updateProfile(t.userId(), "\u202Eevil", null, null, null), "displayName");
    }

    @Test
    void deletingAnAccountThatOwnsASpaceIsRefusedUntilHandedOver() {
        TestServices s = open();
        AuthTokens admin = s.auth.register("admin", "velvet ladder 41", null, null, IP);
        AuthTokens bob = s.auth.register("bob", "velvet ladder 41", null, null, IP);
        s.spaceService.join(bob.userId(), SpaceService.DEFAULT_SPACE_ID);

        Refused refused = catchApi(() -> s.auth.deleteAccount(admin.userId(), "velvet ladder 41", IP));
        assertThat(HttpErrors.status(refused.code())).isEqualTo(409);
        assertThat(refused.code().wire()).isEqualTo("owns_spaces");
        assertThat(refused.getMessage()).contains("Office").contains(SpaceService.DEFAULT_SPACE_ID);

        s.spaceService.setRole(admin.userId(), SpaceService.DEFAULT_SPACE_ID, bob.userId(), "owner");
        assertField(() -> s.auth.deleteAccount(admin.userId(), "wrong-password", IP), "password");
        s.auth.deleteAccount(admin.userId(), "velvet ladder 41", IP);

        assertThat(s.users.findById(admin.userId())).isEmpty();
        assertThat(s.memberships.ofUser(admin.userId())).isEmpty();
        assertThat(HttpErrors.status(catchApi(() -> s.auth.refresh(admin.refreshToken())).code())).isEqualTo(401);
        assertThat(HttpErrors.status(catchApi(() -> s.auth.login("admin", "velvet ladder 41", IP)).code())).isEqualTo(401);
    }

    @Test
    void inviteModeNeedsAValidInviteAndJoinsItsSpace() {
        TestServices s = new TestServices(mongo.store(), RegistrationMode.INVITE, null);
        AuthTokens admin = s.auth.register("admin", "velvet ladder 41", null, null, IP);
        var space = s.spaceService.create(admin.userId(), "Team", "private").space();
        var invite = s.spaceService.createInvite(admin.userId(), space.id(), Duration.ofDays(1), 1);

        assertField(() -> s.auth.register("bob", "velvet ladder 41", null, null, IP), "inviteCode");
        assertField(() -> s.auth.register("bob", "velvet ladder 41", null, "made-up-code", IP), "inviteCode");
        AuthTokens bob = s.auth.register("bob", "velvet ladder 41", null, invite.code(), IP);
        assertThat(s.spaceService.role(bob.userId(), space.id())).contains("member");

        assertField(() -> s.auth.register("carol", "velvet ladder 41", null, invite.code(), IP), "inviteCode");
        assertThat(s.users.findByUsername("carol")).isEmpty();
    }

    @Test
    void dataFromRegistrationSurvivesARestart() {
        TestServices s = open();
        s.auth.register("alice", "velvet ladder 41", null, null, IP);

        TestServices restarted = new TestServices(mongo.reopen());
        assertThat(restarted.auth.login("alice", "velvet ladder 41", IP).username()).isEqualTo("alice");
        assertThat(restarted.users.findByUsername("alice").orElseThrow().serverAdmin()).isTrue();
    }

    private static void assertField(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(Refused.class, e -> {
            assertThat(HttpErrors.status(e.code())).isEqualTo(400);
            assertThat(e.field()).isEqualTo(field);
        });
    }

    private static Refused catchApi(ThrowingCallable call) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(t).isInstanceOf(Refused.class);
        return (Refused) t;
    }
}
