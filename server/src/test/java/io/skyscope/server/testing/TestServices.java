package io.skyscope.server.testing;

import io.skyscope.server.auth.AccessCheck;
import io.skyscope.server.auth.AuthService;
import io.skyscope.server.auth.HashingGate;
import io.skyscope.server.auth.LoginThrottle;
import io.skyscope.server.auth.PasswordHasher;
import io.skyscope.server.auth.PasswordPolicy;
import io.skyscope.server.auth.Passwords;
import io.skyscope.server.auth.RegistrationLimits;
import io.skyscope.server.auth.RegistrationMode;
import io.skyscope.server.auth.TokenService;
import io.skyscope.server.bus.InProcessEventBus;
import io.skyscope.server.config.ServerConfig;
import io.skyscope.server.space.SpaceBans;
import io.skyscope.server.space.SpaceExits;
import io.skyscope.server.space.SpaceService;
import io.skyscope.server.store.Invites;
import io.skyscope.server.store.Maps;
import io.skyscope.server.store.Memberships;
import io.skyscope.server.store.MongoStore;
import io.skyscope.server.store.RefreshTokens;
import io.skyscope.server.store.RevokedSessions;
import io.skyscope.server.store.Spaces;
import io.skyscope.server.store.Users;
import java.nio.charset.StandardCharsets;

/** The store-backed services wired as the server wires them, on a test clock. */
public final class TestServices {
    public static final byte[] SECRET = "test-secret-test-secret-test-secret".getBytes(StandardCharsets.UTF_8);

    public final MongoStore store;
    public final MutableClock clock = new MutableClock();
    public final Users users;
    public final RefreshTokens refreshTokens;
    public final Spaces spaces;
    public final Memberships memberships;
    public final Invites invites;
    public final Maps maps;
    public final TokenService tokens;
    public final AccessCheck access;
    public final LoginThrottle throttle;
    public final SpaceService spaceService;
    public final AuthService auth;

    public TestServices(MongoStore store, RegistrationMode mode, String adminUsername) {
        this.store = store;
        users = new Users(store);
        refreshTokens = new RefreshTokens(store);
        spaces = new Spaces(store);
        memberships = new Memberships(store);
        invites = new Invites(store);
        maps = new Maps(store);
        tokens = new TokenService(SECRET, clock);
        throttle = new LoginThrottle(LoginThrottle.Limits.defaults(), clock.timeMeter());
        spaceService = new SpaceService(spaces, memberships, invites, maps, users, SpaceBans.NONE, SpaceExits.NONE,
                clock, ServerConfig.Quotas.defaults());
        spaceService.ensureDefaultSpace();
        access = new AccessCheck(tokens, users, new RevokedSessions(store), new InProcessEventBus(), clock).start();
        // The pool's threads end by themselves once idle; registration limits are not under test here.
        var passwords = new Passwords(new PasswordHasher(), new PasswordPolicy(), new HashingGate());
        auth = new AuthService(users, refreshTokens, spaceService, store, passwords, tokens, access, throttle,
                new RegistrationLimits(10_000, 10_000, clock.timeMeter()), mode, adminUsername, clock);
    }

    public TestServices(MongoStore store) {
        this(store, RegistrationMode.OPEN, null);
    }
}
