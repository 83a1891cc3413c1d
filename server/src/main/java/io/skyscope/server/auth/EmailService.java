package io.skyscope.server.auth;

import io.skyscope.protocol.ErrorCode;
import io.skyscope.server.Refused;
import io.skyscope.server.config.MailConfig;
import io.skyscope.server.limits.RateLimit;
import io.skyscope.server.mail.Mailer;
import io.skyscope.server.store.EmailCodes;
import io.skyscope.server.store.EmailCodes.Code;
import io.skyscope.server.store.EmailCodes.Purpose;
import io.skyscope.server.store.Users;
import io.skyscope.server.store.Users.User;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Email for accounts: adding a verified address, signing in with a one-time code, and resetting a
 * forgotten password. Off (every call answers 501 {@code email_not_configured}) without SMTP.
 *
 * <p>Codes are {@value #DIGITS} random digits, valid for the configured time, good for one use and
 * {@value #MAX_WRONG_TRIES} wrong tries; only an HMAC of the code (keyed by the server secret, bound
 * to purpose, account and address) is stored, and compared in constant time. A wrong code answers
 * {@code code_invalid}, an expired one {@code code_expired}.
 *
 * <p>Nothing here tells a stranger whether an address has an account: a request for a sign-in or
 * reset code is counted and answered 202 at once, the same either way; looking the address up,
 * storing a code and sending it happen afterwards on the {@link Mailer}'s thread. Sends are limited
 * per address and per account, requests per client address; tries at a code go through the
 * {@link LoginThrottle} like passwords.
 *
 * <p>With a {@code PUBLIC_URL} the verification mail also carries a link,
 * {@code PUBLIC_URL/verify-email?token=<user id>.<48 hex digits>}: the same rules as a code (one use,
 * the code's lifetime, {@value #MAX_WRONG_TRIES} wrong tries, a keyed hash compared in constant time),
 * for people who would rather click than type. Using either the code or the link uses up both.
 *
 * <p>On an SSO-only server, sign-in codes and password resets are for server admins only.
 *
 * <p>Thread-safe: called from HTTP request threads; the deferred part runs on the mail thread.
 */
public final class EmailService {
    static final int DIGITS = 8;
    static final int MAX_WRONG_TRIES = 3;
    /** Random bytes in a verification link (hex in the link). */
    static final int LINK_BYTES = 24;
    private static final Logger log = LoggerFactory.getLogger(EmailService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Users users;
    private final EmailCodes codes;
    private final AuthService auth;
    private final LoginThrottle throttle;
    private final Mailer mailer;
    private final Duration ttl;
    private final RateLimit perAddress;
    private final RateLimit perAccount;
    private final RateLimit perClient;
    private final SecretKeySpec key;
    private final String publicUrl;
    private final Clock clock;

    /**
     * @param mailer null when no SMTP server is configured (then {@code config} is null too)
     * @param secret the server's signing secret; the code key is derived from it
     */
    public EmailService(Users users, EmailCodes codes, AuthService auth, LoginThrottle throttle, Mailer mailer,
                        MailConfig config, byte[] secret, Clock clock) {
        this(users, codes, auth, throttle, mailer, config, secret, null, clock);
    }

    /** @param publicUrl the server's address for people (PUBLIC_URL), or null: mails carry no link */
    public EmailService(Users users, EmailCodes codes, AuthService auth, LoginThrottle throttle, Mailer mailer,
                        MailConfig config, byte[] secret, String publicUrl, Clock clock) {
        this.publicUrl = publicUrl == null ? null : publicUrl.replaceAll("/+$", "");
        this.users = users;
        this.codes = codes;
        this.auth = auth;
        this.throttle = throttle;
        this.mailer = mailer;
        this.ttl = Duration.ofSeconds(config == null ? 600 : config.codeTtlSeconds());
        int sends = config == null ? 1 : config.codesPerAddressPerHour();
        this.perAddress = new RateLimit("codes sent to this email address", sends);
        this.perAccount = new RateLimit("codes sent for this account", sends);
        this.perClient = new RateLimit("email code requests from your address",
                config == null ? 1 : config.codesPerClientPerHour());
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(secret, "HmacSHA256"), "skyscope email codes"),
                "HmacSHA256");
        this.clock = clock;
    }

    /** Whether email features are on. */
    public boolean enabled() {
        return mailer != null;
    }

    /**
     * Sends a code to {@code email}; the address becomes the account's once {@link #verify} gets it.
     *
     * @throws Refused 400 for an address we cannot send to; 429 past the send limits
     */
    public void requestVerification(String userId, String email, String ip) {
        requireMail();
        String address = AccountRules.email(email);
        User user = auth.profile(userId);
        perClient.acquire(ip);
        perAccount.acquire(user.id());
        perAddress.acquire(lower(address));
        String code = newCode();
        codes.put(Purpose.VERIFY, user.id(), hash(Purpose.VERIFY, user.id(), address, code), address, expiry());
        String link = "";
        if (publicUrl != null) {
            byte[] secret = new byte[LINK_BYTES];
            RANDOM.nextBytes(secret);
            String raw = HexFormat.of().formatHex(secret);
            codes.put(Purpose.VERIFY_LINK, user.id(), hash(Purpose.VERIFY_LINK, user.id(), address, raw), address,
                    expiry());
            link = "\n\nOr open this link to confirm it:\n" + publicUrl + "/verify-email?token=" + user.id() + "." + raw
                    + "\n";
        }
        String withLink = link;
        mailer.submit("verify " + user.id(), () -> mailer.send(address, "Confirm your email address for SkyScope",
                "Hello " + user.displayName() + ",\n\nyour code to confirm this address is " + code + "." + withLink
                        + "\nIt works for " + minutes() + ". If you did not add this address to a SkyScope account, "
                        + "ignore this email.\n"));
        log.info("User {} asked to verify a new email address from {}", user.id(), ip);
    }

    /**
     * Makes the address the code was sent to the account's verified address.
     *
     * @throws Refused 400 {@code code_invalid} / {@code code_expired}; 409 {@code email_taken} if
     *     another account verified it first
     */
    public User verify(String userId, String code, String ip) {
        requireMail();
        User user = auth.profile(userId);
        throttle.checkAttempt(ip, "verify:" + user.id());
        Code stored = check(Purpose.VERIFY, user.id(), code, ip, "verify:" + user.id());
        return adopt(user.id(), stored, "code");
    }

    /**
     * Makes the address a verification link was sent to its account's verified address; the link
     * proves who is asking, so no sign-in is needed.
     *
     * @throws Refused as {@link #verify}; a malformed token is {@code code_invalid} too
     */
    public User verifyLink(String token, String ip) {
        requireMail();
        int dot = token == null ? -1 : token.lastIndexOf('.');
        String userId = dot > 0 ? token.substring(0, dot) : "";
        if (!userId.matches("[0-9a-f-]{36}") || token.length() - dot - 1 != 2 * LINK_BYTES) {
            throw invalid();
        }
        throttle.checkAttempt(ip, "verify:" + userId);
        Code stored = check(Purpose.VERIFY_LINK, userId, token.substring(dot + 1), ip, "verify:" + userId);
        return adopt(userId, stored, "link");
    }

    private User adopt(String userId, Code stored, String how) {
        codes.delete(Purpose.VERIFY, userId);
        codes.delete(Purpose.VERIFY_LINK, userId);
        if (!users.setEmail(userId, stored.email())) {
            throw Refused.conflict(ErrorCode.EMAIL_TAKEN, "email", "Another account uses this email address");
        }
        log.info("User {} verified an email address by {}", userId, how);
        return auth.profile(userId);
    }

    /** Removes the account's address; works with email off too (nothing is sent). */
    public User removeEmail(String userId) {
        auth.profile(userId);
        users.removeEmail(userId);
        return auth.profile(userId);
    }

    /**
     * Sends a sign-in code to the address if it belongs to an account. Answers the same whether
     * it does or not: see the class comment.
     *
     * @throws Refused 400 for an address we cannot send to; 429 past the request limits
     */
    public void requestSignInCode(String email, String ip) {
        sendLater(Purpose.SIGN_IN, email, ip);
    }

    /** Sends a password-reset code to the address if it belongs to an account; as {@link #requestSignInCode}. */
    public void requestPasswordReset(String email, String ip) {
        sendLater(Purpose.RESET, email, ip);
    }

    /**
     * Signs in with a code sent to the account's verified address.
     *
     * @throws Refused 400 {@code code_invalid} (also for an address without an account) or
     *     {@code code_expired}; 429 past the try limits
     */
    public AuthTokens signIn(String email, String code, String ip) {
        requireMail();
        User user = codeHolder(email, ip);
        check(Purpose.SIGN_IN, user.id(), code, ip, throttleKey(email));
        auth.requireNonSsoSignInAllowed(user);
        log.info("User {} signed in with an email code from {}", user.id(), ip);
        return auth.startSession(user);
    }

    /**
     * Sets a new password with a code sent to the account's verified address, and ends every
     * sign-in of the account. A password the policy refuses leaves the code usable.
     *
     * @throws Refused as {@link #signIn}; 400 naming {@code newPassword}
     */
    public void resetPassword(String email, String code, String newPassword, String ip) {
        requireMail();
        User user = codeHolder(email, ip);
        Code stored = peek(Purpose.RESET, user.id(), code, ip, throttleKey(email));
        auth.requireNonSsoSignInAllowed(user);
        String hash = auth.hashNewPassword(user, newPassword);
        consume(Purpose.RESET, user.id(), stored, ip, throttleKey(email));
        auth.replacePassword(user, hash, "reset their password by email");
    }

    /** Deletes expired codes; the embedded store has no TTL index to do it. */
    public long purgeExpired() {
        return codes.deleteExpired(clock.instant());
    }

    private void sendLater(Purpose purpose, String email, String ip) {
        requireMail();
        String address = AccountRules.email(email);
        perClient.acquire(ip);
        perAddress.acquire(lower(address));
        mailer.submit(purpose.wire() + " code", () -> {
            Optional<User> found = users.findByEmail(address);
            if (found.isEmpty()) {
                log.info("A {} code was asked for an address without an account, from {}", purpose.wire(), ip);
                return;
            }
            User user = found.get();
            if (auth.ssoOnly() && !user.serverAdmin()) {
                log.info("Not sending a {} code to user {}: this server signs in through single sign-on only",
                        purpose.wire(), user.id());
                return;
            }
            try {
                perAccount.acquire(user.id());
            } catch (Refused e) {
                log.info("Not sending a {} code to user {}: {}", purpose.wire(), user.id(), e.getMessage());
                return;
            }
            String code = newCode();
            codes.put(purpose, user.id(), hash(purpose, user.id(), user.email(), code), user.email(), expiry());
            boolean reset = purpose == Purpose.RESET;
            mailer.send(user.email(), reset ? "Reset your SkyScope password" : "Your SkyScope sign-in code",
                    "Hello " + user.displayName() + ",\n\nyour code to " + (reset ? "choose a new password" : "sign in")
                            + " as " + user.username() + " is " + code + ".\nIt works once, for " + minutes()
                            + ". If you did not ask for it, ignore this email: nobody can use your account "
                            + "without the code.\n");
            log.info("Sent a {} code to user {}", purpose.wire(), user.id());
        });
    }

    /** The account of a verified address, or code_invalid (the same answer as a wrong code). */
    private User codeHolder(String email, String ip) {
        String address = AccountRules.email(email);
        throttle.checkAttempt(ip, throttleKey(address));
        Optional<User> user = users.findByEmail(address);
        if (user.isEmpty()) {
            throttle.recordFailure(ip, throttleKey(address));
            throw invalid();
        }
        return user.get();
    }

    /** Checks the code and uses it up. */
    private Code check(Purpose purpose, String userId, String code, String ip, String throttleKey) {
        Code stored = peek(purpose, userId, code, ip, throttleKey);
        consume(purpose, userId, stored, ip, throttleKey);
        return stored;
    }

    /** Checks the code without using it up. */
    private Code peek(Purpose purpose, String userId, String code, String ip, String throttleKey) {
        Optional<Code> found = codes.find(purpose, userId);
        String given = code == null ? "" : code.replaceAll("[\\s-]", "");
        if (found.isEmpty()) {
            throttle.recordFailure(ip, throttleKey);
            throw invalid();
        }
        Code stored = found.get();
        if (stored.expiredAt(clock.instant())) {
            codes.delete(purpose, userId);
            throw new Refused(ErrorCode.CODE_EXPIRED, "This code has expired; ask for a new one", "code", null);
        }
        byte[] expected = HexFormat.of().parseHex(stored.hash());
        byte[] actual = HexFormat.of().parseHex(hash(purpose, userId, stored.email(), given));
        if (!MessageDigest.isEqual(expected, actual)) {
            throttle.recordFailure(ip, throttleKey);
            if (codes.recordWrongTry(purpose, userId) >= MAX_WRONG_TRIES) {
                codes.delete(purpose, userId);
            }
            throw invalid();
        }
        return stored;
    }

    private void consume(Purpose purpose, String userId, Code stored, String ip, String throttleKey) {
        if (!codes.consume(purpose, userId, stored.hash())) {
            throw invalid();
        }
        throttle.recordSuccess(ip, throttleKey);
    }

    private String hash(Purpose purpose, String userId, String email, String code) {
        return HexFormat.of().formatHex(hmac(key, purpose.wire() + '\n' + userId + '\n' + lower(email) + '\n' + code));
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String newCode() {
        return String.format(Locale.ROOT, "%0" + DIGITS + "d", RANDOM.nextInt(100_000_000));
    }

    private java.time.Instant expiry() {
        return clock.instant().plus(ttl);
    }

    private String minutes() {
        long m = ttl.toMinutes();
        return m >= 1 ? m + (m == 1 ? " minute" : " minutes") : ttl.toSeconds() + " seconds";
    }

    private void requireMail() {
        if (mailer == null) {
            throw new Refused(ErrorCode.EMAIL_NOT_CONFIGURED,
                    "Email is not configured on this server (no SMTP server); ask its admin to set SMTP_HOST");
        }
    }

    private static String throttleKey(String email) {
        return "email:" + lower(email);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static Refused invalid() {
        return new Refused(ErrorCode.CODE_INVALID, "This code is not right; check it or ask for a new one", "code",
                null);
    }
}
