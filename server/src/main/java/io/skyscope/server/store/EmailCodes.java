package io.skyscope.server.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Optional;
import org.bson.Document;

/**
 * The {@code emailCodes} collection: at most one live one-time code per account and purpose
 * ({@code _id} = purpose and user id), so asking again replaces the earlier code. Only a keyed hash
 * of the code is stored (see {@code auth.EmailCodeHasher}), with the address it was sent to, its
 * expiry and the number of wrong tries. Single use: {@link #consume} deletes the code only if its
 * hash is still the one checked, so two requests racing with the same code cannot both win.
 *
 * <p>Stateless apart from the collection handle; used from HTTP request threads and the mail thread.
 */
public final class EmailCodes {
    /** What a code is for: it works only for that. */
    public enum Purpose {
        VERIFY("verify"), VERIFY_LINK("verify-link"), SIGN_IN("sign-in"), RESET("reset");

        private final String wire;

        Purpose(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** A stored code: {@code hash} is hex, {@code email} the address it was sent to. */
    public record Code(String hash, String email, Instant expiresAt, int wrongTries) {
        public boolean expiredAt(Instant now) {
            return !expiresAt.isAfter(now);
        }
    }

    private final MongoCollection<Document> codes;

    public EmailCodes(MongoStore store) {
        this.codes = store.database().getCollection("emailCodes");
        store.indexes().ascending(codes, "expiresAt");
    }

    /** Stores a new code for the account and purpose, replacing any earlier one. */
    public void put(Purpose purpose, String userId, String hash, String email, Instant expiresAt) {
        codes.replaceOne(eq("_id", key(purpose, userId)), new Document("_id", key(purpose, userId))
                        .append("userId", userId).append("hash", hash).append("email", email)
                        .append("expiresAt", Docs.date(expiresAt)).append("wrongTries", 0),
                new ReplaceOptions().upsert(true));
    }

    public Optional<Code> find(Purpose purpose, String userId) {
        return Optional.ofNullable(codes.find(eq("_id", key(purpose, userId))).first())
                .map(d -> new Code(d.getString("hash"), d.getString("email"), Docs.instant(d, "expiresAt"),
                        d.getInteger("wrongTries", 0)));
    }

    /** Counts a wrong try at the code; returns the count, 0 if the code is gone. */
    public int recordWrongTry(Purpose purpose, String userId) {
        Document after = codes.findOneAndUpdate(eq("_id", key(purpose, userId)), Updates.inc("wrongTries", 1),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return after == null ? 0 : after.getInteger("wrongTries", 0);
    }

    /** Uses the code up: true for exactly one caller, and only while its hash is still {@code hash}. */
    public boolean consume(Purpose purpose, String userId, String hash) {
        return codes.deleteOne(and(eq("_id", key(purpose, userId)), eq("hash", hash))).getDeletedCount() == 1;
    }

    public void delete(Purpose purpose, String userId) {
        codes.deleteOne(eq("_id", key(purpose, userId)));
    }

    /** Deletes every code of the account (when it is deleted). */
    public long deleteAllOf(String userId) {
        return codes.deleteMany(eq("userId", userId)).getDeletedCount();
    }

    /** Deletes expired codes; the embedded store has no TTL index to do it. */
    public long deleteExpired(Instant now) {
        return codes.deleteMany(lte("expiresAt", Docs.date(now))).getDeletedCount();
    }

    private static String key(Purpose purpose, String userId) {
        return purpose.wire() + ":" + userId;
    }
}
