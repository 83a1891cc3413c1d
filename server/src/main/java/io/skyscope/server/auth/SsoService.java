package io.skyscope.server.auth;

import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.rest.AuthOptions;
import io.skyscope.protocol.rest.SsoAuthorization;
import io.skyscope.server.Refused;
import io.skyscope.server.config.OidcConfig;
import io.skyscope.server.limits.RateLimit;
import io.skyscope.server.store.SsoLinks;
import io.skyscope.server.store.SsoStates;
import io.skyscope.server.store.SsoStates.Pending;
import io.skyscope.server.store.Users;
import io.skyscope.server.store.Users.User;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single sign-on as desktop apps do it (RFC 8252): the client listens on a loopback port, asks here
 * to {@link #start} (the server makes the state and the nonce, the client brings a PKCE challenge),
 * sends the browser to the provider, and hands the {@code code} and {@code state} that come back to
 * its listener to {@link #finish} with the PKCE verifier. The server redeems the code with its client
 * secret (which never leaves it) and the verifier (which never left the client), so a code caught
 * on the way is worth nothing; it checks the ID token ({@link OidcProvider}) and signs the person in
 * with the same tokens as a password sign-in.
 *
 * <p>An identity is linked to an account by (issuer, subject) alone, never by an email address. The
 * first sign-in makes an account when the server's registration rules allow it (an invite code is
 * carried from {@link #start} for invite-only servers); its username comes from the provider's
 * {@code preferred_username} (or the email's local part, or the name), made unique. A verified email
 * from the provider becomes the account's address when no other account has it.
 *
 * <p>Starts are limited per client address and for the whole server; a state is single-use and
 * expires ({@code OIDC_STATE_TTL_SECONDS}). Thread-safe; called from HTTP request threads.
 */
public final class SsoService {
    private static final Logger log = LoggerFactory.getLogger(SsoService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "[::1]");
    private static final int MAX_REDIRECT = 200;
    private static final int MAX_CODE = 2048;
    private static final int MAX_STATE = 128;
    /** Started sign-ins per hour on this node, from everyone: bounds what unfinished ones can fill. */
    private static final int STARTS_PER_HOUR = 20_000;

    private final OidcProvider provider;
    private final SsoStates states;
    private final SsoLinks links;
    private final Users users;
    private final AuthService auth;
    private final RegistrationLimits registrations;
    private final LoginThrottle throttle;
    private final boolean emailEnabled;
    private final Duration stateTtl;
    private final RateLimit perClient;
    private final RateLimit everyone = new RateLimit("single sign-ins started on this server", STARTS_PER_HOUR);
    private final Clock clock;

    /**
     * @param provider null when single sign-on is not configured (then {@code config} is null too)
     * @param emailEnabled whether the server sends email (for {@link #options})
     */
    public SsoService(OidcProvider provider, OidcConfig config, SsoStates states, SsoLinks links, Users users,
                      AuthService auth, RegistrationLimits registrations, LoginThrottle throttle, boolean emailEnabled,
                      Clock clock) {
        this.provider = provider;
        this.states = states;
        this.links = links;
        this.users = users;
        this.auth = auth;
        this.registrations = registrations;
        this.throttle = throttle;
        this.emailEnabled = emailEnabled;
        this.stateTtl = Duration.ofSeconds(config == null ? 600 : config.stateTtlSeconds());
        this.perClient = new RateLimit("single sign-ins started from your address",
                config == null ? 1 : config.startsPerClientPerHour());
        this.clock = clock;
    }

    /** Which ways in this server offers. */
    public AuthOptions options() {
        boolean passwords = !auth.ssoOnly();
        return new AuthOptions(passwords, passwords, emailEnabled && passwords,
                provider == null ? null : provider.name(), auth.registrationMode().name().toLowerCase(Locale.ROOT));
    }

    /**
     * Begins a sign-in: remembers a new state with its nonce, the PKCE challenge, the redirect address
     * and the invite code, and returns the provider's page for the browser.
     *
     * @throws Refused 400 naming {@code redirectUri}, {@code codeChallenge} or {@code inviteCode}; 429 past
     *     the start limits; 501 {@code sso_not_configured}; 502 when the provider cannot be reached
     */
    public SsoAuthorization start(String redirectUri, String codeChallenge, String inviteCode, String ip) {
        requireSso();
        String redirect = loopbackRedirect(redirectUri);
        if (codeChallenge == null || !CHALLENGE.matcher(codeChallenge).matches()) {
            throw Refused.badRequest("codeChallenge",
                    "The code challenge must be the S256 PKCE challenge: 43 characters of base64url");
        }
        String invite = inviteCode == null || inviteCode.isBlank() ? null
                : AccountRules.text("inviteCode", "Invite code", inviteCode, 1, 64);
        perClient.acquire(ip);
        everyone.acquire("all");
        String state = random();
        String nonce = random();
        URI url = provider.authorizationUrl(redirect, state, nonce, codeChallenge);
        states.put(hash(state), new Pending(nonce, codeChallenge, redirect, invite, clock.instant().plus(stateTtl)));
        log.debug("Single sign-on started from {}", ip);
        return new SsoAuthorization(url.toString(), state, stateTtl.toSeconds());
    }

    /**
     * Finishes a sign-in with what the browser brought back to the client.
     *
     * @throws Refused 400 {@code sso_state_invalid} (unknown or already used) or {@code sso_state_expired};
     *     401 {@code sso_refused} when the verifier does not match, the provider refuses the code or the
     *     ID token fails a check; 400/409/429 from the registration rules for a new account
     */
    public AuthTokens finish(String state, String code, String codeVerifier, String ip) {
        requireSso();
        if (codeVerifier == null || !VERIFIER.matcher(codeVerifier).matches()) {
            throw Refused.badRequest("codeVerifier", "The code verifier must be 43 to 128 characters of "
                    + "A-Z a-z 0-9 - . _ ~ (RFC 7636)");
        }
        if (code == null || code.isBlank() || code.length() > MAX_CODE) {
            throw Refused.badRequest("code", "The authorization code is missing or too long");
        }
        throttle.checkAttempt(ip, "sso");
        Optional<Pending> found = state == null || state.length() > MAX_STATE ? Optional.empty()
                : states.take(hash(state));
        if (found.isEmpty()) {
            throttle.recordFailure(ip, "sso");
            throw new Refused(ErrorCode.SSO_STATE_INVALID,
                    "This sign-in is unknown or was finished already; start again", "state", null);
        }
        Pending pending = found.get();
        if (pending.expiredAt(clock.instant())) {
            throw new Refused(ErrorCode.SSO_STATE_EXPIRED, "This sign-in took longer than " + stateTtl.toMinutes()
                    + " minutes; start again", "state", null);
        }
        if (!MessageDigest.isEqual(challenge(codeVerifier).getBytes(StandardCharsets.US_ASCII),
                pending.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
            throttle.recordFailure(ip, "sso");
            throw OidcProvider.refused("The code verifier does not belong to this sign-in");
        }
        OidcProvider.Identity who = provider.redeem(code, pending.redirectUri(), codeVerifier, pending.nonce());
        throttle.recordSuccess(ip, "sso");
        Optional<User> linked = links.userOf(who.issuer(), who.subject()).flatMap(users::findById);
        if (linked.isPresent()) {
            log.info("User {} signed in through single sign-on from {}", linked.get().id(), ip);
            return auth.startSession(linked.get());
        }
        return auth.startSession(newAccount(who, pending.inviteCode(), ip));
    }

    /** Deletes started sign-ins that were never finished. */
    public long purgeExpired() {
        return states.deleteExpired(clock.instant());
    }

    private User newAccount(OidcProvider.Identity who, String inviteCode, String ip) {
        registrations.checkAttempt(ip);
        String name = freeUsername(who);
        String display = displayName(who, name);
        User user = auth.createAccount(name, display, inviteCode, false, ip, " through single sign-on", () -> null);
        if (!links.link(who.issuer(), who.subject(), user.id())) {
            // The same person finished two sign-ins at once and the other made the account first.
            auth.discardNewAccount(user.id());
            return links.userOf(who.issuer(), who.subject()).flatMap(users::findById)
                    .orElseThrow(() -> Refused.unavailable("Signing in changed under us; try again"));
        }
        if (who.emailVerified() && who.email() != null) {
            try {
                users.setEmail(user.id(), AccountRules.email(who.email()));
            } catch (Refused notAnAddress) {
                log.debug("Not keeping the provider's email of user {}: {}", user.id(), notAnAddress.getMessage());
            }
        }
        return users.findById(user.id()).orElse(user);
    }

    /** A username from what the provider says, made to fit the rules and unique (a bounded search). */
    private String freeUsername(OidcProvider.Identity who) {
        String wanted = who.preferredUsername() != null ? who.preferredUsername()
                : who.email() != null ? who.email().substring(0, Math.max(0, who.email().indexOf('@')))
                : who.name() != null ? who.name() : "user";
        String base = wanted.replaceAll("@.*$", "").replaceAll("[^A-Za-z0-9_.-]+", ".")
                .replaceAll("^[.]+|[.]+$", "");
        if (base.length() < 3) {
            base = base + "user";
        }
        base = base.substring(0, Math.min(base.length(), 28));
        if (users.findByUsername(base).isEmpty()) {
            return base;
        }
        for (int n = 2; n <= 20; n++) {
            String candidate = base + "-" + n;
            if (users.findByUsername(candidate).isEmpty()) {
                return candidate;
            }
        }
        return base.substring(0, Math.min(base.length(), 24)) + "-" + HexFormat.of().formatHex(bytes(4));
    }

    private static String displayName(OidcProvider.Identity who, String username) {
        if (who.name() != null) {
            try {
                return AccountRules.displayName(who.name());
            } catch (Refused unfit) {
                // fall back to the username
            }
        }
        return username;
    }

    /** Only a loopback address on this device, as RFC 8252 7.3 has native apps receive the redirect. */
    private static String loopbackRedirect(String redirectUri) {
        Refused wrong = Refused.badRequest("redirectUri",
                "The redirect address must be http://127.0.0.1:<port>/<path> (or [::1]): the app's own listener");
        if (redirectUri == null || redirectUri.length() > MAX_REDIRECT) {
            throw wrong;
        }
        URI uri;
        try {
            uri = new URI(redirectUri);
        } catch (java.net.URISyntaxException e) {
            throw wrong;
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || !LOOPBACK.contains(uri.getHost())
                || uri.getPort() < 1 || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawPath() == null || !uri.getRawPath().startsWith("/")) {
            throw wrong;
        }
        return redirectUri;
    }

    private void requireSso() {
        if (provider == null) {
            throw new Refused(ErrorCode.SSO_NOT_CONFIGURED,
                    "Single sign-on is not configured on this server; ask its admin to set OIDC_ISSUER");
        }
    }

    /** The PKCE S256 challenge of a verifier. */
    static String challenge(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
    }

    private static String hash(String state) {
        return HexFormat.of().formatHex(sha256(state));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String random() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
