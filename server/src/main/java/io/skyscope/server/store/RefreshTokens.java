package io.skyscope.server.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.bson.Document;

/**
 * The {@code refreshTokens} collection. Only the SHA-256 of a token is stored (as {@code _id}),
 * so a copy of the database does not let anyone sign in.
 *
 * <p>Tokens rotate: each refresh marks the presented token used and issues a new one in the same
 * family. Only the newest token of a family is ever unused, which lets the hot paths (refresh,
 * logout) work by {@code _id}; the family- and user-wide revocations scan on the embedded store,
 * but they are rare (reuse detection, password change, account deletion).
 *
 * <p>Thread-safe; {@link #markUsed} is atomic, so of two requests racing with the same token
 * exactly one wins.
 */
public final class RefreshTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_BYTES = 32;

    private final MongoCollection<Document> tokens;

    public RefreshTokens(MongoStore store) {
        MongoDatabase db = store.database();
        Indexes indexes = store.indexes();
        this.tokens = db.getCollection("refreshTokens");
        indexes.ascending(tokens, "familyId");
        indexes.ascending(tokens, "userId");
        indexes.ascending(tokens, "expiresAt");
    }

    /** A stored token. {@code usedAt} is null until it has been exchanged for a new one. */
    public record RefreshToken(String hash, String userId, String familyId, Instant createdAt, Instant expiresAt,
                               Instant usedAt, boolean revoked) {
        public boolean expiredAt(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    /** 32 random bytes, base64url without padding. */
    public static String newRawToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A new family id, for a token issued by a sign-in rather than by a refresh. */
    public static String newFamilyId() {
        return Docs.newId();
    }

    /** Lower-case hex SHA-256 of the raw token's UTF-8 bytes. */
    public static String hash(String rawToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawToken.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Stores a new token and returns it raw. The raw value exists only in the return value: give
     * it to the client and forget it.
     */
    public String issue(String userId, String familyId, Instant now, Instant expiresAt) {
        String raw = newRawToken();
        tokens.insertOne(new Document("_id", hash(raw))
                .append("userId", userId)
                .append("familyId", familyId)
                .append("createdAt", Docs.date(Docs.millis(now)))
                .append("expiresAt", Docs.date(Docs.millis(expiresAt)))
                .append("usedAt", null)
                .append("revoked", false));
        return raw;
    }

    public Optional<RefreshToken> find(String rawToken) {
        return Optional.ofNullable(tokens.find(eq("_id", hash(rawToken))).first()).map(RefreshTokens::fromDocument);
    }

    /**
     * Marks the token used if it is neither used nor revoked yet, atomically.
     *
     * @return the token as it is now if this call marked it, empty if it was already used or
     *     revoked (or does not exist)
     */
    public Optional<RefreshToken> markUsed(String rawToken, Instant now) {
        Document updated = tokens.findOneAndUpdate(
                and(eq("_id", hash(rawToken)), eq("usedAt", null), eq("revoked", false)),
                Updates.set("usedAt", Docs.date(Docs.millis(now))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(updated).map(RefreshTokens::fromDocument);
    }

    /** Revokes one token by its raw value. @return whether it existed */
    public boolean revoke(String rawToken) {
        return tokens.updateOne(eq("_id", hash(rawToken)), Updates.set("revoked", true)).getMatchedCount() == 1;
    }

    /** Revokes every token of a family. @return how many tokens the family had */
    public long revokeFamily(String familyId) {
        return tokens.updateMany(eq("familyId", familyId), Updates.set("revoked", true)).getMatchedCount();
    }

    /** Revokes every token of a user, e.g. after a password change. @return how many */
    public long revokeAllOf(String userId) {
        return tokens.updateMany(eq("userId", userId), Updates.set("revoked", true)).getMatchedCount();
    }

    /** Deletes every token of a user, e.g. when the account is deleted. @return how many */
    public long deleteAllOf(String userId) {
        return tokens.deleteMany(eq("userId", userId)).getDeletedCount();
    }

    /**
     * Deletes tokens that expired before {@code now}. The embedded store has no TTL indexes, so
     * the server calls this periodically to keep the collection from growing without bound.
     *
     * @return how many were deleted
     */
    public long deleteExpired(Instant now) {
        return tokens.deleteMany(lt("expiresAt", Docs.date(now))).getDeletedCount();
    }

    public long count() {
        return tokens.countDocuments();
    }

    private static RefreshToken fromDocument(Document d) {
        return new RefreshToken(d.getString("_id"), d.getString("userId"), d.getString("familyId"),
                Docs.instant(d, "createdAt"), Docs.instant(d, "expiresAt"), Docs.instant(d, "usedAt"),
                d.getBoolean("revoked", false));
    }
}
