package io.skyscope.server.auth;

import io.skyscope.server.auth.HashingGate.Lane;
import io.skyscope.server.store.RefreshTokens;

/**
 * Everything that costs CPU about passwords, each piece run through the {@link HashingGate} in
 * the right lane: checking and hashing a new one ({@link PasswordPolicy}, {@link PasswordHasher}),
 * and verifying one against a stored hash, or against a dummy hash for unknown usernames so that
 * they take as long as known ones.
 *
 * <p>Thread-safe; called from HTTP request threads, which wait here while a pool thread works.
 */
public final class Passwords {
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final HashingGate gate;
    /** Verified against for unknown usernames, so that they cost as much time as known ones. */
    private final String dummyHash;

    public Passwords(PasswordHasher hasher, PasswordPolicy policy, HashingGate gate) {
        this.hasher = hasher;
        this.policy = policy;
        this.gate = gate;
        this.dummyHash = hasher.hash(RefreshTokens.newRawToken());
    }

    /**
     * Checks that a new password is not easy to guess and hashes it.
     *
     * @param field the request field, named in a 400
     * @param lane {@link Lane#NEW_ACCOUNT} for registration, {@link Lane#SIGN_IN} for a signed-in user
     */
    public String hashNew(Lane lane, String field, String password, String username, String displayName) {
        return gate.run(lane, () -> {
            policy.check(field, password, username, displayName);
            return hasher.hash(password);
        });
    }

    /** Whether the password matches the stored hash. */
    public boolean verify(String password, String phc) {
        return gate.run(Lane.SIGN_IN, () -> hasher.verify(password, phc));
    }

    /** Spends the time a verification takes, for a username that does not exist. */
    public void verifyNobody(String password) {
        verify(password, dummyHash);
    }

    /** A new hash if the stored one was made with other parameters, else null. */
    public String rehashIfOutdated(String password, String phc) {
        return hasher.needsRehash(phc) ? gate.run(Lane.SIGN_IN, () -> hasher.hash(password)) : null;
    }
}
