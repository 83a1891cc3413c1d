package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.Refusals.assertRefused;
import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.Connection;
import io.skyscope.protocol.CloseCodes;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.Profile;
import io.skyscope.server.testing.SmtpServer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Email over real HTTP and a real SMTP server in this JVM: adding and verifying an address, signing
 * in with a code (the tokens open a WebSocket), resetting a password (the old password and every
 * earlier sign-in end), and codes that are wrong, used, expired or asked for too often. Without
 * SMTP the routes say email is not configured, and the health check tells clients so.
 */
class EmailEndToEndTest {
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @RegisterExtension
    @Order(1)
    static final SmtpServer SMTP = new SmtpServer();

    @RegisterExtension
    @Order(2)
    static final ServerExtension SERVER = new ServerExtension(c -> c.withMail(SMTP.config(600, 5, 1000)));

    /** Codes live 2 s; 2 sends per address and per account, 6 requests per client address an hour. */
    @RegisterExtension
    @Order(3)
    static final ServerExtension TIGHT = new ServerExtension(c -> c.withMail(SMTP.config(2, 2, 6)));

    @RegisterExtension
    @Order(4)
    static final ServerExtension NO_MAIL = new ServerExtension();

    @Test
    void anAddressIsVerifiedByTheCodeSentToIt() {
        AuthResponse ada = SERVER.register("ada");
        String address = address("Ada");

        SERVER.api().addEmail(ada.accessToken(), address);
        String code = SMTP.awaitCode(address, 1, TIMEOUT);
        assertThat(SMTP.subject(address, 1)).contains("Confirm your email");
        assertThat(SERVER.api().me(ada.accessToken()).email()).isNull();

        Profile verified = SERVER.api().verifyEmail(ada.accessToken(), code);

        assertThat(verified.email()).isEqualTo(address);
        assertThat(SERVER.api().me(ada.accessToken()).email()).isEqualTo(address);
        // Another account cannot take it, even with a code sent to it.
        AuthResponse bob = SERVER.register("bob");
        SERVER.api().addEmail(bob.accessToken(), address.toUpperCase());
        String second = SMTP.awaitCode(address, 2, TIMEOUT);
        assertRefused(() -> SERVER.api().verifyEmail(bob.accessToken(), second), 409, "email_taken");
    }

    @Test
    void aCodeByEmailSignsInOnceAndItsTokensOpenTheWebSocket() throws Exception {
        AuthResponse cy = SERVER.register("cy");
        String address = verified(SERVER, cy);

        SERVER.api().requestSignInCode(address);
        String code = SMTP.awaitCode(address, 2, TIMEOUT);
        assertThat(SMTP.subject(address, 2)).contains("sign-in code");
        AuthResponse signedIn = SERVER.api().loginWithCode(address.toUpperCase(), code);

        assertThat(signedIn.userId()).isEqualTo(cy.userId());
        Connection c = SERVER.connect(signedIn);
        c.send(new io.skyscope.protocol.ClientMessage.Ping("hello"));
        c.await(ServerMessage.Pong.class, p -> "hello".equals(p.ref()), TIMEOUT);
        assertThat(SERVER.api().refresh(signedIn.refreshToken()).userId()).isEqualTo(cy.userId());
        // Single use.
        assertRefused(() -> SERVER.api().loginWithCode(address, code), 400, "code_invalid");
    }

    @Test
    void wrongCodesAreRefusedAndAFewOfThemBurnTheCode() {
        AuthResponse dot = SERVER.register("dot");
        String address = verified(SERVER, dot);
        SERVER.api().requestSignInCode(address);
        String code = SMTP.awaitCode(address, 2, TIMEOUT);
        String wrong = code.equals("00000000") ? "11111111" : "00000000";

        assertRefused(() -> SERVER.api().loginWithCode(address, wrong), 400, "code_invalid");
        assertRefused(() -> SERVER.api().loginWithCode(address, "not a code"), 400, "code_invalid");
        assertRefused(() -> SERVER.api().loginWithCode(address, wrong), 400, "code_invalid");
        // Three wrong tries: the right code no longer works either.
        assertRefused(() -> SERVER.api().loginWithCode(address, code), 400, "code_invalid");
    }

    @Test
    void anAddressWithoutAnAccountGetsTheSameAnswerAndNoMail() {
        String nobody = address("Nobody");
        AuthResponse eli = SERVER.register("eli");
        String address = verified(SERVER, eli);

        SERVER.api().requestSignInCode(nobody);
        SERVER.api().requestPasswordReset(nobody);
        SERVER.api().requestSignInCode(address);

        // Mail goes out in order: once Eli's code is there, the requests before it were handled.
        SMTP.awaitCode(address, 2, TIMEOUT);
        assertThat(SMTP.received(nobody)).isEmpty();
        assertRefused(() -> SERVER.api().loginWithCode(nobody, "12345678"), 400, "code_invalid");
    }

    @Test
    void aPasswordResetEndsEverySignInAndTheOldPassword() throws Exception {
        AuthResponse fay = SERVER.register("fay");
        String oldPassword = "violet harbor lantern " + fay.username();
        String address = verified(SERVER, fay);
        Connection open = SERVER.connect(fay);

        SERVER.api().requestPasswordReset(address);
        String code = SMTP.awaitCode(address, 2, TIMEOUT);
        assertThat(SMTP.subject(address, 2)).contains("Reset your SkyScope password");
        // A password the policy refuses keeps the code usable.
        assertRefused(() -> SERVER.api().resetPassword(address, code, "short"), 400, "invalid_field");
        SERVER.api().resetPassword(address, code, "amber meadow compass nine");

        assertThat(open.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.SIGNED_OUT);
        assertRefused(() -> SERVER.api().refresh(fay.refreshToken()), 401, "unauthorized");
        assertRefused(() -> SERVER.api().me(fay.accessToken()), 401, null);
        assertRefused(() -> SERVER.api().login(fay.username(), oldPassword), 401, "unauthorized");
        assertThat(SERVER.api().login(fay.username(), "amber meadow compass nine").userId()).isEqualTo(fay.userId());
        assertRefused(() -> SERVER.api().resetPassword(address, code, "another fine password 7"), 400, "code_invalid");
    }

    @Test
    void codesExpireAndSendsAreLimitedPerAccountAddressAndClient() {
        AuthResponse gus = TIGHT.register("gus");
        String first = address("Gus");
        TIGHT.api().addEmail(gus.accessToken(), first);
        String code = SMTP.awaitCode(first, 1, TIMEOUT);
        Instant sent = Instant.now();
        await().atMost(TIMEOUT).until(() -> Instant.now().isAfter(sent.plusSeconds(3)));
        assertRefused(() -> TIGHT.api().verifyEmail(gus.accessToken(), code), 400, "code_expired");

        TIGHT.api().addEmail(gus.accessToken(), address("Gus"));
        assertRefused(() -> TIGHT.api().addEmail(gus.accessToken(), address("Gus")), 429, "rate_limited");

        String someone = address("Someone");
        TIGHT.api().requestSignInCode(someone);
        TIGHT.api().requestSignInCode(someone);
        assertRefused(() -> TIGHT.api().requestSignInCode(someone), 429, "rate_limited");
        assertRefused(() -> TIGHT.api().requestSignInCode(address("Other")), 429, "rate_limited");
    }

    @Test
    void withoutSmtpEmailIsOffAndSaysSo() {
        AuthResponse hal = NO_MAIL.register("hal");

        assertThat(NO_MAIL.api().emailEnabled()).isFalse();
        assertThat(SERVER.api().emailEnabled()).isTrue();
        assertRefused(() -> NO_MAIL.api().addEmail(hal.accessToken(), address("Hal")), 501, "email_not_configured");
        assertRefused(() -> NO_MAIL.api().requestSignInCode(address("Hal")), 501, "email_not_configured");
        assertRefused(() -> NO_MAIL.api().requestPasswordReset(address("Hal")), 501, "email_not_configured");
        assertRefused(() -> NO_MAIL.api().loginWithCode(address("Hal"), "12345678"), 501, "email_not_configured");
        assertThat(NO_MAIL.api().removeEmail(hal.accessToken()).email()).isNull();
    }

    /** Adds and verifies a fresh address for the user (its first message); returns it. */
    private static String verified(ServerExtension server, AuthResponse user) {
        String address = address(user.username());
        server.api().addEmail(user.accessToken(), address);
        server.api().verifyEmail(user.accessToken(), SMTP.awaitCode(address, 1, TIMEOUT));
        return address;
    }

    private static String address(String name) {
        return name + ADDRESSES.incrementAndGet() + "@office.test";
    }
}
