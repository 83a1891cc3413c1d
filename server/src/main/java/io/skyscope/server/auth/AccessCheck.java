package io.skyscope.server.auth;

import io.skyscope.server.bus.EventBus;
import io.skyscope.server.Refused;
import io.skyscope.server.store.RevokedSessions;
import io.skyscope.server.store.Users;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether an access token may still be used: what the token says ({@link TokenService})
 * and what has happened since. A password change and "sign out everywhere" raise the account's
 * token generation, which ends every token issued before; a sign-out ends the tokens of that one
 * sign-in; a deleted account has no valid token at all.
 *
 * <p>Every node keeps the accounts' current generations (read through from the store and trusted
 * for at most {@link #GENERATION_TTL_MILLIS}) and the ended sign-ins in memory. A change is stored
 * first, then announced on the bus topic {@value #TOPIC}; every node, this one included, applies
 * it when the announcement arrives and tells its {@linkplain #onRevocation listeners} (the node's
 * connections, which close the sessions it ends). A node that missed an announcement (Redis was
 * down) reads the generation again within the TTL.
 *
 * <p>Thread-safe: called on HTTP request threads (every authenticated request), at WebSocket
 * upgrades and renewals, and on the bus thread (announcements).
 */
public final class AccessCheck implements AutoCloseable {
    /** The bus topic of revocations. */
    public static final String TOPIC = "accounts";
    static final long GENERATION_TTL_MILLIS = 30_000;
    private static final int MAX_CACHED = 100_000;
    private static final long NO_ACCOUNT = -1;
    private static final Logger LOG = LoggerFactory.getLogger(AccessCheck.class);

    /** Something that ends access tokens. */
    public sealed interface Revocation {
        String userId();

        /** Whether a token with these claims is ended by this. */
        boolean ends(AuthenticatedUser token);

        /** Every token of the account older than {@code generation} (password change, sign out everywhere). */
        record Generation(String userId, long generation) implements Revocation {
            @Override
            public boolean ends(AuthenticatedUser token) {
                return token.userId().equals(userId) && token.generation() < generation;
            }
        }

        /** The tokens of one sign-in (sign-out). */
        record SignIn(String userId, String sessionId) implements Revocation {
            @Override
            public boolean ends(AuthenticatedUser token) {
                return token.userId().equals(userId) && sessionId.equals(token.sessionId());
            }
        }

        /** Every token of a deleted account. */
        record Account(String userId) implements Revocation {
            @Override
            public boolean ends(AuthenticatedUser token) {
                return token.userId().equals(userId);
            }
        }
    }

    private record Known(long generation, long readAtNanos) {
    }

    private final TokenService tokens;
    private final Users users;
    private final RevokedSessions revokedStore;
    private final EventBus bus;
    private final Clock clock;
    private final Map<String, Known> generations = new ConcurrentHashMap<>();
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final List<Consumer<Revocation>> listeners = new CopyOnWriteArrayList<>();
    private EventBus.Subscription subscription;

    public AccessCheck(TokenService tokens, Users users, RevokedSessions revokedStore, EventBus bus, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.revokedStore = revokedStore;
        this.bus = bus;
        this.clock = clock;
    }

    /** Loads the sign-ins that ended recently and listens to announcements. */
    public AccessCheck start() {
        revoked.putAll(revokedStore.inForce(clock.instant()));
        subscription = bus.subscribe(TOPIC, this::announced);
        return this;
    }

    /** Listens to every revocation, from any node; called on the bus thread, must not block. */
    public void onRevocation(Consumer<Revocation> listener) {
        listeners.add(listener);
    }

    /**
     * Verifies a raw access token and that it is still in force.
     *
     * @throws Refused 401 saying why not
     */
    public AuthenticatedUser verify(String rawToken) {
        AuthenticatedUser user = tokens.verify(rawToken);
        require(user);
        return user;
    }

    /** @throws Refused 401 if the account is gone, signed out everywhere since, or the sign-in ended */
    public void require(AuthenticatedUser user) {
        long current = generation(user.userId());
        if (current == NO_ACCOUNT) {
            throw Refused.unauthorized("This account no longer exists");
        }
        if (user.generation() < current) {
            throw Refused.unauthorized("Signed out: the password changed or the account signed out everywhere;"
                    + " sign in again");
        }
        if (user.sessionId() != null) {
            Instant until = revoked.get(user.sessionId());
            if (until != null && until.isAfter(clock.instant())) {
                throw Refused.unauthorized("Signed out: this sign-in ended; sign in again");
            }
        }
    }

    /** The account's current token generation, for new tokens. @throws Refused 401 if it is gone */
    public long currentGeneration(String userId) {
        long current = generation(userId);
        if (current == NO_ACCOUNT) {
            throw Refused.unauthorized("This account no longer exists");
        }
        return current;
    }

    /** Ends every token of the account issued until now (password change, sign out everywhere). */
    public void signOutEverywhere(String userId) {
        long generation = users.raiseTokenGeneration(userId)
                .orElseThrow(() -> Refused.unauthorized("This account no longer exists"));
        announce(new Revocation.Generation(userId, generation));
    }

    /** Ends the tokens of one sign-in (sign-out); they stay refused until the last of them would have expired. */
    public void signInEnded(String userId, String sessionId) {
        Instant until = clock.instant().plus(tokens.ttl());
        revokedStore.add(sessionId, userId, until);
        revoked.put(sessionId, until);
        announce(new Revocation.SignIn(userId, sessionId));
    }

    /** The account was deleted: none of its tokens is accepted any more. */
    public void accountDeleted(String userId) {
        announce(new Revocation.Account(userId));
    }

    /** Forgets ended sign-ins whose tokens have all expired; housekeeping. */
    public long purgeExpired() {
        Instant now = clock.instant();
        revoked.values().removeIf(until -> !until.isAfter(now));
        return revokedStore.deleteExpired(now);
    }

    private long generation(String userId) {
        long now = System.nanoTime(); // the age of a cached read, a duration: no clock of the day
        Known known = generations.get(userId);
        if (known != null && now - known.readAtNanos() < TimeUnit.MILLISECONDS.toNanos(GENERATION_TTL_MILLIS)) {
            return known.generation();
        }
        if (generations.size() > MAX_CACHED) {
            generations.clear();
        }
        long read = users.tokenGeneration(userId).orElse(NO_ACCOUNT);
        // An announcement that arrived while reading wins if it knows of a later change.
        Known merged = generations.merge(userId, new Known(read, now), AccessCheck::later);
        return merged.generation();
    }

    private static Known later(Known a, Known b) {
        if (a.generation() == NO_ACCOUNT || b.generation() == NO_ACCOUNT) {
            return new Known(NO_ACCOUNT, Math.max(a.readAtNanos(), b.readAtNanos()));
        }
        return a.generation() >= b.generation() ? new Known(a.generation(), Math.max(a.readAtNanos(), b.readAtNanos()))
                : b;
    }

    private void announce(Revocation r) {
        String payload = switch (r) {
            case Revocation.Generation g -> "g " + g.userId() + " " + g.generation();
            case Revocation.SignIn s -> "s " + s.userId() + " " + s.sessionId();
            case Revocation.Account a -> "a " + a.userId();
        };
        bus.publish(TOPIC, payload);
    }

    private void announced(String payload) {
        String[] parts = payload.split(" ");
        Revocation r;
        try {
            r = switch (parts[0]) {
                case "g" -> new Revocation.Generation(parts[1], Long.parseLong(parts[2]));
                case "s" -> new Revocation.SignIn(parts[1], parts[2]);
                case "a" -> new Revocation.Account(parts[1]);
                default -> null;
            };
        } catch (RuntimeException e) {
            r = null;
        }
        if (r == null) {
            LOG.warn("ignored a malformed revocation: {}", payload);
            return;
        }
        long now = System.nanoTime();
        switch (r) {
            case Revocation.Generation g -> generations.merge(g.userId(), new Known(g.generation(), now),
                    AccessCheck::later);
            case Revocation.SignIn s -> revoked.putIfAbsent(s.sessionId(),
                    clock.instant().plus(tokens.ttl()));
            case Revocation.Account a -> generations.put(a.userId(), new Known(NO_ACCOUNT, now));
        }
        for (Consumer<Revocation> listener : listeners) {
            try {
                listener.accept(r);
            } catch (RuntimeException e) {
                LOG.warn("a revocation listener failed for user {}", r.userId(), e);
            }
        }
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
