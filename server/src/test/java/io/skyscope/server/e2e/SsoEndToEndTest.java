package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.Refusals.assertRefused;
import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.ApiError;
import io.skyscope.client.Connection;
import io.skyscope.client.OidcSignIn;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthOptions;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.InviteView;
import io.skyscope.protocol.rest.Profile;
import io.skyscope.protocol.rest.SsoAuthorization;
import io.skyscope.protocol.rest.SsoFinish;
import io.skyscope.protocol.rest.SsoStart;
import io.skyscope.client.cli.Main;
import io.skyscope.server.auth.RegistrationMode;
import io.skyscope.server.config.OidcConfig;
import io.skyscope.server.testing.OidcServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single sign-on over real sockets against a real OpenID Connect provider in this JVM: the
 * client-core loopback flow signs in and its tokens open a WebSocket; the same person comes back to
 * the same account; a wrong or replayed state, a replayed code, a wrong verifier, an expired state,
 * a code from a second issuer and ID tokens with another issuer, audience or nonce are refused;
 * SSO-only and invite-only servers apply their rules.
 */
class SsoEndToEndTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @RegisterExtension
    @Order(1)
    static final OidcServer CORP = new OidcServer("corp");

    /** Another provider altogether: its codes and keys mean nothing to a server set up for CORP. */
    @RegisterExtension
    @Order(2)
    static final OidcServer OTHER = new OidcServer("other");

    @RegisterExtension
    @Order(3)
    static final ServerExtension SERVER = new ServerExtension(c -> c.withOidc(CORP.config(false, 600)));

    /** Started sign-ins expire after 1 s. */
    @RegisterExtension
    @Order(4)
    static final ServerExtension HASTY = new ServerExtension(c -> c.withOidc(CORP.config(false, 1)));

    @RegisterExtension
    @Order(5)
    static final ServerExtension INVITE_ONLY = new ServerExtension(c -> c.withOidc(CORP.config(false, 600))
            .withRegistration(RegistrationMode.INVITE));

    private static final AtomicBoolean SSO_ONLY = new AtomicBoolean();

    /** Restarted SSO-only by the test that uses it. */
    @RegisterExtension
    @Order(6)
    static final ServerExtension ONLY = new ServerExtension(c -> c.withOidc(CORP.config(SSO_ONLY.get(), 600)));

    @RegisterExtension
    @Order(7)
    static final ServerExtension NO_SSO = new ServerExtension();

    /** Two starts an hour per client address, and a provider that is not there. */
    @RegisterExtension
    @Order(8)
    static final ServerExtension STRICT = new ServerExtension(c -> c.withOidc(new OidcConfig("http://127.0.0.1:9/gone",
            OidcServer.CLIENT_ID, OidcServer.CLIENT_SECRET, "Gone", false, 600, 2)));

    @Test
    void theLoopbackFlowSignsInAndTheSamePersonComesBackToTheSameAccount() throws Exception {
        CORP.nextSignIn("ana-subject", Map.of("preferred_username", "ana", "name", "Ana Lopez",
                "email", "ana@corp.test", "email_verified", true));
        AuthResponse first = new OidcSignIn(SERVER.api()).signIn(CORP.browser(), null, TIMEOUT);

        Profile ana = SERVER.api().me(first.accessToken());
        assertThat(ana.username()).isEqualTo("ana");
        assertThat(ana.displayName()).isEqualTo("Ana Lopez");
        assertThat(ana.email()).isEqualTo("ana@corp.test");
        Connection c = SERVER.connect(first);
        c.send(new ClientMessage.Ping("hello"));
        c.await(ServerMessage.Pong.class, p -> "hello".equals(p.ref()), TIMEOUT);
        assertThat(SERVER.api().refresh(first.refreshToken()).userId()).isEqualTo(first.userId());

        CORP.nextSignIn("ana-subject", Map.of("preferred_username", "ana-renamed"));
        AuthResponse again = new OidcSignIn(SERVER.api()).signIn(CORP.browser(), null, TIMEOUT);
        assertThat(again.userId()).isEqualTo(first.userId());

        // Someone else with the same name and (unverified) address is someone else.
        CORP.nextSignIn("impostor-subject", Map.of("preferred_username", "ana", "email", "ana@corp.test",
                "email_verified", false));
        AuthResponse other = new OidcSignIn(SERVER.api()).signIn(CORP.browser(), null, TIMEOUT);
        assertThat(other.userId()).isNotEqualTo(first.userId());
        assertThat(other.username()).isEqualTo("ana-2");
        assertThat(SERVER.api().me(other.accessToken()).email()).isNull();
        // An account made by single sign-on has no password to guess.
        assertRefused(() -> SERVER.api().login("ana", "any password at all"), 401, "unauthorized");
    }

    @Test
    void aWrongOrReplayedStateAReplayedCodeAndAWrongVerifierAreRefused() {
        Started one = start(SERVER, null);
        Map<String, String> back = CORP.authorize(one.url());
        assertThat(back.get("state")).isEqualTo(one.authorization().state());
        String code = back.get("code");

        assertRefused(() -> finish(SERVER, verifier(), code, one.verifier()), 400, "sso_state_invalid");
        CORP.nextSignIn("bob-subject", Map.of("preferred_username", "bo"));
        AuthResponse bob = finish(SERVER, one.authorization().state(), code, one.verifier());
        assertThat(bob.username()).as("3 characters at least").isEqualTo("bouser");
        // The same state and code again.
        assertRefused(() -> finish(SERVER, one.authorization().state(), code, one.verifier()), 400,
                "sso_state_invalid");
        // The used code with a fresh sign-in of the attacker's own. This provider (mock-oauth2-server
        // 2.1) still answers a used code, with an ID token that carries no nonce: the nonce, which binds
        // the ID token to the sign-in it was started for, refuses it; a stricter provider refuses the code.
        Started two = start(SERVER, null);
        assertRefused(() -> finish(SERVER, two.authorization().state(), code, two.verifier()), 401, "sso_refused");
        // A caught code without its verifier.
        Started three = start(SERVER, null);
        String caught = CORP.authorize(three.url()).get("code");
        assertThatThrownBy(() -> finish(SERVER, three.authorization().state(), caught, verifier()))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.code()).isEqualTo("sso_refused");
                    assertThat(e.getMessage()).contains("verifier");
                });
    }

    @Test
    void aSignInThatTakesTooLongIsRefused() {
        Started slow = start(HASTY, null);
        String code = CORP.authorize(slow.url()).get("code");
        Instant started = Instant.now();
        await().atMost(TIMEOUT).until(() -> Instant.now().isAfter(started.plusSeconds(2)));

        assertRefused(() -> finish(HASTY, slow.authorization().state(), code, slow.verifier()), 400,
                "sso_state_expired");
    }

    @Test
    void aCodeFromAnotherIssuerAndIdTokensOfAnotherIssuerClientOrSignInAreRefused() {
        Started mixUp = start(SERVER, null);
        // The browser was sent to another provider, which sent a code back to our listener.
        String foreign = OTHER.authorize(URI.create(mixUp.url().toString().replace(CORP.issuer(), OTHER.issuer())))
                .get("code");
        // Refused by the nonce here (see above about this provider), by the code at a stricter one.
        assertRefused(() -> finish(SERVER, mixUp.authorization().state(), foreign, mixUp.verifier()), 401,
                "sso_refused");

        CORP.nextSignIn("cy-subject", Map.of("iss", OTHER.issuer()));
        assertSsoRefused(() -> signIn(SERVER), "another issuer");
        CORP.nextSignIn("cy-subject", Map.of("aud", "someone-else"));
        assertSsoRefused(() -> signIn(SERVER), "another client");
        CORP.nextSignIn("cy-subject", Map.of("nonce", "a nonce from another sign-in"));
        assertSsoRefused(() -> signIn(SERVER), "nonce");
        CORP.nextSignIn("cy-subject", Map.of(), -300);
        assertSsoRefused(() -> signIn(SERVER), "not valid");
    }

    @Test
    void anInviteOnlyServerNeedsAnInviteForANewAccountButNotForAKnownOne() {
        AuthResponse admin = INVITE_ONLY.register("admin");
        InviteView invite = INVITE_ONLY.api().send("POST", "api/v1/spaces/office/invites", admin.accessToken(), null,
                InviteView.class);

        CORP.nextSignIn("di-subject", Map.of("preferred_username", "di"));
        assertRefused(() -> new OidcSignIn(INVITE_ONLY.api()).signIn(CORP.browser(), null, TIMEOUT), 400,
                "invalid_field");
        CORP.nextSignIn("di-subject", Map.of("preferred_username", "di"));
        AuthResponse di = new OidcSignIn(INVITE_ONLY.api()).signIn(CORP.browser(), invite.code(), TIMEOUT);
        assertThat(INVITE_ONLY.api().spaces(di.accessToken()).spaces()).extracting(s -> s.id()).contains("office");

        CORP.nextSignIn("di-subject", Map.of());
        assertThat(new OidcSignIn(INVITE_ONLY.api()).signIn(CORP.browser(), null, TIMEOUT).userId())
                .isEqualTo(di.userId());
    }

    @Test
    void anSsoOnlyServerRefusesPasswordsToAllButItsAdmins() {
        AuthResponse admin = ONLY.register("root");
        AuthResponse eve = ONLY.register("eve");
        ONLY.stop();
        SSO_ONLY.set(true);
        ONLY.start();

        AuthOptions options = ONLY.api().authOptions();
        assertThat(options.passwordSignIn()).isFalse();
        assertThat(options.passwordRegistration()).isFalse();
        assertThat(options.sso()).isEqualTo("Corp");
        assertRefused(() -> ONLY.api().register("fay", "violet harbor lantern fay", "Fay"), 403, "sso_only");
        assertRefused(() -> ONLY.api().login(eve.username(), "violet harbor lantern " + eve.username()), 403,
                "sso_only");
        assertRefused(() -> ONLY.api().login(eve.username(), "not her password"), 401, "unauthorized");
        assertThat(ONLY.api().login(admin.username(), "violet harbor lantern " + admin.username()).userId())
                .isEqualTo(admin.userId());

        CORP.nextSignIn("eve-at-corp", Map.of("preferred_username", "eve.corp"));
        AuthResponse viaSso = new OidcSignIn(ONLY.api()).signIn(CORP.browser(), null, TIMEOUT);
        assertThat(viaSso.username()).isEqualTo("eve.corp");
    }

    @Test
    void theOptionsSayWhatIsOnAndAServerWithoutSsoSaysSo() {
        AuthOptions options = SERVER.api().authOptions();
        assertThat(options).isEqualTo(new AuthOptions(true, true, false, "Corp", "open"));
        assertThat(NO_SSO.api().authOptions().sso()).isNull();
        assertRefused(() -> new OidcSignIn(NO_SSO.api()).signIn(CORP.browser(), null, TIMEOUT), 501,
                "sso_not_configured");
        assertRefused(() -> NO_SSO.api().finishSso(new SsoFinish("s", "c", verifier())), 501, "sso_not_configured");
        // Only the app's own loopback listener may receive the code.
        assertRefused(() -> SERVER.api().startSso(new SsoStart("https://evil.test/cb", challenge(verifier()), null)),
                400, "invalid_field");
        assertRefused(() -> SERVER.api().startSso(new SsoStart("http://127.0.0.1:4000/cb", "plain", null)), 400,
                "invalid_field");
    }

    @Test
    void startsAreLimitedPerAddressAndAnUnreachableProviderIsNamed() {
        SsoStart request = new SsoStart("http://127.0.0.1:9/skyscope/callback", challenge(verifier()), null);
        assertRefused(() -> STRICT.api().startSso(request), 502, "sso_provider_unavailable");
        assertRefused(() -> STRICT.api().startSso(request), 502, "sso_provider_unavailable");
        assertRefused(() -> STRICT.api().startSso(request), 429, "rate_limited");
    }

    @Test
    void theCliSignsInWithTheAddressItPrints(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("sso.skyscope"), "status busy\nquit\n");
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        CORP.nextSignIn("gus-subject", Map.of("preferred_username", "gus"));
        try (var cli = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("cli-sso").factory())) {
            Future<Integer> code = cli.submit(() -> Main.run(new String[] {"--server", SERVER.base().toString(),
                    "--sso", "--no-voice", "--script", script.toString()}, new PrintStream(out, true),
                    new PrintStream(err, true), null));
            Pattern printed = Pattern.compile("open this address in a browser on this computer to sign in: (\\S+)");
            await().atMost(TIMEOUT).until(() -> printed.matcher(out.toString(StandardCharsets.UTF_8)).find());
            Matcher m = printed.matcher(out.toString(StandardCharsets.UTF_8));
            assertThat(m.find()).isTrue();
            CORP.browser().accept(URI.create(m.group(1)));

            assertThat(code.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as(err.toString(StandardCharsets.UTF_8))
                    .isEqualTo(Main.OK);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("signed in as gus, in office");
    }

    private record Started(SsoAuthorization authorization, String verifier) {
        URI url() {
            return URI.create(authorization.authorizationUrl());
        }
    }

    private static Started start(ServerExtension server, String invite) {
        String verifier = verifier();
        return new Started(server.api().startSso(new SsoStart("http://127.0.0.1:9/skyscope/callback",
                challenge(verifier), invite)), verifier);
    }

    private static AuthResponse finish(ServerExtension server, String state, String code, String verifier) {
        return server.api().finishSso(new SsoFinish(state, code, verifier));
    }

    private static AuthResponse signIn(ServerExtension server) {
        return new OidcSignIn(server.api()).signIn(CORP.browser(), null, TIMEOUT);
    }

    private static void assertSsoRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String says) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiError.class, e -> {
            assertThat(e.status()).as(e.getMessage()).isEqualTo(401);
            assertThat(e.code()).isEqualTo("sso_refused");
            assertThat(e.getMessage()).contains(says);
        });
    }

    private static String verifier() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String challenge(String verifier) throws IllegalStateException {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
