package io.skyscope.server.auth;

import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.Status;
import io.skyscope.server.Refused;
import io.skyscope.server.space.SpaceService;
import io.skyscope.server.store.MongoStore;
import io.skyscope.server.store.RefreshTokens;
import io.skyscope.server.store.RefreshTokens.RefreshToken;
import io.skyscope.server.store.Spaces.Space;
import io.skyscope.server.store.Users;
import io.skyscope.server.store.Users.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts and sessions: registration, sign-in, token refresh with rotation and reuse detection,
 * sign-out, profile, password change and account deletion.
 *
 * <p>A session is a refresh-token family: sign-in starts one, each refresh replaces the token
 * with a new one of the same family, and presenting a token that was already replaced revokes
 * the whole family (someone else holds a copy) and fails.
 *
 * <p>Sign-in failures say the same thing, and take about as long, whether the account exists or
 * not. The first account on a server, and the account named by {@code adminUsername}, become
 * server admins. On an SSO-only server password registration is refused, and so is password
 * sign-in for anyone but server admins; accounts made by single sign-on have no password.
 *
 * <p>Thread-safe and stateless apart from the limits: called concurrently from HTTP request
 * threads. Password work is CPU-heavy and runs in {@link Passwords}' pool, not on request
 * threads; registration attempts are counted before anything else, and a taken name is found
 * before any of that work.
 */
public final class AuthService {
    /** How long a refresh token lasts; each refresh starts the period again. */
    public static final Duration REFRESH_TTL = Duration.ofDays(30);

    private static final Logger log = LoggerFactory.getLogger(AuthService.class);
    private static final String BAD_CREDENTIALS = "Wrong username or password";

    private final Users users;
    private final RefreshTokens refreshTokens;
    private final SpaceService spaces;
    private final MongoStore store;
    private final Passwords passwords;
    private final TokenService tokens;
    private final AccessCheck access;
    private final LoginThrottle throttle;
    private final RegistrationLimits registrations;
    private final RegistrationMode mode;
    private final String adminUsername;
    private final boolean ssoOnly;
    private final Clock clock;

    /**
     * @param adminUsername the username that becomes a server admin when registered, or null
     */
    public AuthService(Users users, RefreshTokens refreshTokens, SpaceService spaces, MongoStore store,
                       Passwords passwords, TokenService tokens, AccessCheck access, LoginThrottle throttle,
                       RegistrationLimits registrations, RegistrationMode mode, String adminUsername, Clock clock) {
        this(users, refreshTokens, spaces, store, passwords, tokens, access, throttle, registrations, mode,
                adminUsername, false, clock);
    }

    /**
     * @param adminUsername the username that becomes a server admin when registered, or null
     * @param ssoOnly       password registration is off, and password sign-in is for server admins only
     */
    public AuthService(Users users, RefreshTokens refreshTokens, SpaceService spaces, MongoStore store,
                       Passwords passwords, TokenService tokens, AccessCheck access, LoginThrottle throttle,
                       RegistrationLimits registrations, RegistrationMode mode, String adminUsername, boolean ssoOnly,
                       Clock clock) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.spaces = spaces;
        this.store = store;
        this.passwords = passwords;
        this.tokens = tokens;
        this.access = access;
        this.throttle = throttle;
        this.registrations = registrations;
        this.mode = mode;
        this.adminUsername = adminUsername == null || adminUsername.isBlank() ? null : adminUsername.trim();
        this.ssoOnly = ssoOnly;
        this.clock = clock;
    }

    /**
     * Creates an account and signs it in. With an {@code inviteCode} (required in invite mode,
     * except for the server's first account and {@code adminUsername}) the new account joins the
     * invite's space.
     *
     * @param displayName null means "same as the username"
     * @throws Refused 400 naming the field at fault (a password that is easy to guess too, see
     *     {@link PasswordPolicy}); 409 {@code username_taken}; 429 past the registration limits;
     *     503 when password work is saturated (see {@link HashingGate})
     */
    public AuthTokens register(String username, String password, String displayName, String inviteCode, String ip) {
        registrations.checkAttempt(ip);
        if (ssoOnly) {
            throw ssoOnlyRefusal();
        }
        String name = AccountRules.username(username);
        // A taken name costs one lookup, not a strength estimate and a hash (the unique index
        // still decides a race between two registrations of the same name).
        if (users.findByUsername(name).isPresent()) {
            throw Users.taken(name);
        }
        AccountRules.password("password", password);
        String display = AccountRules.displayName(displayName == null ? name : displayName);
        User user = createAccount(name, display, inviteCode, true, ip, "",
                () -> passwords.hashNew(HashingGate.Lane.NEW_ACCOUNT, "password", password, name, display));
        return startSession(user);
    }

    /**
     * Creates an account under the server's registration rules: the first account (or, when
     * {@code byName}, the one named by {@code adminUsername}) becomes a server admin and needs no
     * invite; in invite mode everyone else needs a usable {@code inviteCode}; with one, the account
     * joins the invite's space. The caller has counted the attempt ({@link RegistrationLimits}).
     *
     * @param passwordHash computed only once the rules allow the account; returns null for an
     *     account without a password (single sign-on)
     * @param how          for the log ("" or " through single sign-on")
     */
    User createAccount(String name, String display, String inviteCode, boolean byName, String ip, String how,
                       java.util.function.Supplier<String> passwordHash) {
        boolean claimedFirst = users.claimFirstAccount(name);
        boolean admin = claimedFirst || (byName && name.equalsIgnoreCase(adminUsername));
        // The server's admin needs no invite: in invite mode nobody could invite them otherwise.
        boolean hasCode = inviteCode != null && !inviteCode.isBlank();
        if (mode == RegistrationMode.INVITE && !admin && !hasCode) {
            releaseIf(claimedFirst);
            throw Refused.badRequest("inviteCode", "An invite code is required to register on this server");
        }
        if (hasCode && spaces.usableInvite(inviteCode).isEmpty()) {
            releaseIf(claimedFirst);
            throw badInvite();
        }
        User user;
        try {
            user = users.create(name, display, passwordHash.get(), admin, clock.instant());
        } catch (RuntimeException e) {
            releaseIf(claimedFirst);
            throw e;
        }
        if (hasCode) {
            try {
                spaces.acceptInvite(user.id(), inviteCode);
            } catch (Refused e) {
                // The last use went to someone else between the check and now.
                users.delete(user.id());
                releaseIf(claimedFirst);
                throw badInvite();
            }
        }
        if (admin) {
            spaces.adoptDefaultSpace(user.id());
        }
        store.flush();
        log.info("Registered user {} ({}) from {}{}{}", user.id(), name, ip, how, admin ? " as server admin" : "");
        return user;
    }

    /** Takes back an account {@link #createAccount} just made, before anyone used it. */
    void discardNewAccount(String userId) {
        spaces.forgetMember(userId);
        users.delete(userId);
        store.flush();
    }

    /** Whether password registration is off and password sign-in is for server admins only. */
    public boolean ssoOnly() {
        return ssoOnly;
    }

    public RegistrationMode registrationMode() {
        return mode;
    }

    /**
     * On an SSO-only server, refuses password and email-code ways in to everyone but server admins
     * (who keep them, so that a broken provider cannot lock the server's admins out).
     *
     * @throws Refused 403 {@code sso_only}
     */
    void requireNonSsoSignInAllowed(User user) {
        if (ssoOnly && !user.serverAdmin()) {
            throw ssoOnlyRefusal();
        }
    }

    private static Refused ssoOnlyRefusal() {
        return new Refused(ErrorCode.SSO_ONLY, "This server signs people in through single sign-on only");
    }

    /**
     * Signs in.
     *
     * @param ip the client's address, from {@code ClientAddresses}
     * @throws Refused 401 for an unknown user or wrong password (same message); 429 when
     *     this address has made too many attempts, or too many wrong ones for this account
     */
    public AuthTokens login(String username, String password, String ip) {
        if (username == null || username.isBlank()) {
            throw Refused.badRequest("username", "Username is required");
        }
        if (password == null || password.isEmpty()) {
            throw Refused.badRequest("password", "Password is required");
        }
        throttle.checkAttempt(ip, username);
        Optional<User> user = users.findByUsername(username);
        if (user.isEmpty()) {
            passwords.verifyNobody(password);
            throttle.recordFailure(ip, username);
            log.info("Failed sign-in for unknown username from {}", ip);
            throw Refused.unauthorized(BAD_CREDENTIALS);
        }
        User u = user.get();
        if (u.passwordHash() == null) {
            // An account without a password (made by single sign-on, or a guest): no password can be
            // right, and saying so would tell a stranger how the account signs in.
            passwords.verifyNobody(password);
            throttle.recordFailure(ip, username);
            throw Refused.unauthorized(BAD_CREDENTIALS);
        }
        if (!passwords.verify(password, u.passwordHash())) {
            throttle.recordFailure(ip, username);
            log.info("Failed sign-in for user {} from {}", u.id(), ip);
            throw Refused.unauthorized(BAD_CREDENTIALS);
        }
        throttle.recordSuccess(ip, username);
        requireNonSsoSignInAllowed(u);
        String upgraded = passwords.rehashIfOutdated(password, u.passwordHash());
        if (upgraded != null) {
            users.updatePasswordHash(u.id(), upgraded);
        }
        log.debug("User {} signed in from {}", u.id(), ip);
        return startSession(u);
    }

    /**
     * Exchanges a refresh token for a new access token and a new refresh token of the same family.
     *
     * @throws Refused 401 if the token is unknown, expired, revoked, or was already used
     *     (which also revokes every token of its family)
     */
    public AuthTokens refresh(String rawRefreshToken) {
        if (rawRefreshToken == null || rawRefreshToken.isBlank()) {
            throw Refused.badRequest("refreshToken", "Refresh token is required");
        }
        Instant now = clock.instant();
        RefreshToken token = refreshTokens.find(rawRefreshToken)
                .orElseThrow(() -> Refused.unauthorized("Refresh token is not valid"));
        if (token.revoked()) {
            throw Refused.unauthorized("Refresh token has been revoked; please sign in again");
        }
        if (token.expiredAt(now)) {
            throw Refused.unauthorized("Refresh token expired; please sign in again");
        }
        if (refreshTokens.markUsed(rawRefreshToken, now).isEmpty()) {
            long revoked = refreshTokens.revokeFamily(token.familyId());
            log.warn("Refresh token reuse for user {}: revoked family {} ({} tokens)", token.userId(),
                    token.familyId(), revoked);
            throw Refused.unauthorized("Refresh token was already used; please sign in again");
        }
        User user = users.findById(token.userId())
                .orElseThrow(() -> Refused.unauthorized("This account no longer exists"));
        if (GuestNames.isGuest(user)) {
            // A guest's refresh token never outlives its link: the new one ends when the old one would.
            String spaceId = spaces.guestSpaceOf(user.id())
                    .orElseThrow(() -> Refused.unauthorized("Your guest access has ended"));
            return issueGuest(user, spaceId, token.familyId(), now, token.expiresAt());
        }
        return issue(user, token.familyId(), now);
    }

    /**
     * Ends the sign-in the refresh token belongs to: its refresh tokens, the access tokens issued
     * for it, and its connections. Unknown tokens are ignored (idempotent).
     */
    public void logout(String rawRefreshToken) {
        if (rawRefreshToken == null || rawRefreshToken.isBlank()) {
            throw Refused.badRequest("refreshToken", "Refresh token is required");
        }
        refreshTokens.find(rawRefreshToken).ifPresent(t -> {
            refreshTokens.revokeFamily(t.familyId());
            access.signInEnded(t.userId(), t.familyId());
            log.debug("User {} signed out (family {})", t.userId(), t.familyId());
        });
    }

    /** Ends every sign-in of the account: refresh tokens, access tokens and connections. */
    public void signOutEverywhere(String userId) {
        profile(userId);
        long revoked = refreshTokens.revokeAllOf(userId);
        access.signOutEverywhere(userId);
        store.flush();
        log.info("User {} signed out everywhere; {} refresh tokens revoked", userId, revoked);
    }

    /** The account of a signed-in user. @throws Refused 401 if it was deleted meanwhile */
    public User profile(String userId) {
        return users.findById(userId).orElseThrow(() -> Refused.unauthorized("This account no longer exists"));
    }

    /** Changes the given fields; null leaves a field as it is, an empty status text clears it. */
    public User updateProfile(String userId, String displayName, String avatar, Status status, String statusText) {
        return updateProfile(userId, displayName, avatar, status, statusText, null, null, null, null);
    }

    /**
     * Changes the given fields, the profile card's too; null leaves a field as it is, an empty text
     * clears it. Every field is checked before anything is written.
     *
     * @throws Refused 400 naming the first field at fault
     */
    public User updateProfile(String userId, String displayName, String avatar, Status status, String statusText,
                              String bio, String pronouns, String jobTitle, String timeZone) {
        profile(userId);
        String b = bio == null ? null : AccountRules.text("bio", "Bio", bio, 0, AccountRules.BIO_MAX);
        String p = pronouns == null ? null : AccountRules.text("pronouns", "Pronouns", pronouns, 0,
                AccountRules.PRONOUNS_MAX);
        String j = jobTitle == null ? null : AccountRules.text("jobTitle", "Job title", jobTitle, 0,
                AccountRules.JOB_TITLE_MAX);
        String z = timeZone == null ? null : AccountRules.timeZone(timeZone);
        String display = displayName == null ? null : AccountRules.displayName(displayName);
        String av = avatar == null ? null : AccountRules.avatar(avatar);
        String text = statusText == null ? null : AccountRules.statusText(statusText);
        users.updateProfile(userId, display, av, status, text);
        return users.updateCard(userId, b, p, j, z)
                .orElseThrow(() -> Refused.unauthorized("This account no longer exists"));
    }

    /**
     * Sets a new password after checking the current one, and ends every sign-in of the account:
     * its refresh tokens, its access tokens (the caller's included) and its connections.
     */
    public void changePassword(String userId, String currentPassword, String newPassword, String ip) {
        User user = checkPassword(userId, "currentPassword", currentPassword, ip);
        replacePassword(user, hashNewPassword(user, newPassword), "changed their password");
    }

    /** Checks a new password against the policy and hashes it. @throws Refused 400 naming {@code newPassword} */
    String hashNewPassword(User user, String newPassword) {
        AccountRules.password("newPassword", newPassword);
        return passwords.hashNew(HashingGate.Lane.SIGN_IN, "newPassword", newPassword, user.username(),
                user.displayName());
    }

    /**
     * Sets a new password hash and ends every sign-in of the account: refresh tokens, access tokens
     * and connections. The caller has proved who they are.
     */
    void replacePassword(User user, String passwordHash, String why) {
        users.updatePasswordHash(user.id(), passwordHash);
        long revoked = refreshTokens.revokeAllOf(user.id());
        access.signOutEverywhere(user.id());
        store.flush();
        log.info("User {} {}; {} refresh tokens revoked", user.id(), why, revoked);
    }

    /**
     * Deletes the account, its sessions and its memberships, after checking the password.
     *
     * @throws Refused 409 {@code owns_spaces} if the user owns a space: it must be deleted or
     *     handed over first
     */
    public void deleteAccount(String userId, String password, String ip) {
        User user = checkPassword(userId, "password", password, ip);
        List<Space> owned = spaces.ownedBy(userId);
        if (!owned.isEmpty()) {
            Space first = owned.getFirst();
            throw Refused.conflict(ErrorCode.OWNS_SPACES, null, "You own the space '" + first.name() + "' (" + first.id()
                    + ")" + (owned.size() > 1 ? " and " + (owned.size() - 1) + " more" : "")
                    + ": delete it or hand it over to another member first");
        }
        // Sessions first, so that nothing can act for the account while the rest goes.
        refreshTokens.deleteAllOf(userId);
        spaces.forgetMember(userId);
        users.delete(userId);
        store.flush();
        access.accountDeleted(userId);
        log.info("User {} deleted their account", user.id());
    }

    /** Deletes expired refresh tokens; the embedded store has no TTL index to do it. */
    public long purgeExpiredTokens() {
        return refreshTokens.deleteExpired(clock.instant());
    }

    private User checkPassword(String userId, String field, String password, String ip) {
        User user = profile(userId);
        if (password == null || password.isEmpty()) {
            throw Refused.badRequest(field, "Password is required");
        }
        if (user.passwordHash() == null) {
            throw Refused.badRequest(field, "This account has no password: it signs in through single sign-on");
        }
        throttle.checkAttempt(ip, user.username());
        if (!passwords.verify(password, user.passwordHash())) {
            throttle.recordFailure(ip, user.username());
            throw Refused.badRequest(field, "The password is wrong");
        }
        throttle.recordSuccess(ip, user.username());
        return user;
    }

    /** Starts a new sign-in (refresh-token family) for an account that has proved who it is. */
    AuthTokens startSession(User user) {
        return issue(user, RefreshTokens.newFamilyId(), clock.instant());
    }

    private AuthTokens issue(User user, String familyId, Instant now) {
        String refresh = refreshTokens.issue(user.id(), familyId, now, now.plus(REFRESH_TTL));
        String accessToken = tokens.issue(user.id(), access.currentGeneration(user.id()), familyId);
        return new AuthTokens(user.id(), user.username(), accessToken, refresh, tokens.expiresInSeconds());
    }

    /**
     * Starts the sign-in of a guest who just joined by a guest link: tokens good for {@code spaceId}
     * only, none of them (refresh tokens included) valid past {@code until}.
     */
    public AuthTokens startGuestSession(User guest, String spaceId, Instant until) {
        return issueGuest(guest, spaceId, RefreshTokens.newFamilyId(), clock.instant(), until);
    }

    private AuthTokens issueGuest(User user, String spaceId, String familyId, Instant now, Instant until) {
        if (!until.isAfter(now)) {
            throw Refused.unauthorized("Your guest access has ended");
        }
        String refresh = refreshTokens.issue(user.id(), familyId, now, until);
        String accessToken = tokens.issueGuest(user.id(), access.currentGeneration(user.id()), familyId, spaceId,
                until);
        long seconds = Math.max(1, java.time.Duration.between(now, tokens.expiryFrom(now, until)).toSeconds());
        return new AuthTokens(user.id(), user.username(), accessToken, refresh, seconds);
    }

    private void releaseIf(boolean claimedFirst) {
        if (claimedFirst) {
            users.releaseFirstAccount();
        }
    }

    private static Refused badInvite() {
        return Refused.badRequest("inviteCode", "This invite code is unknown, expired or used up");
    }
}
