package io.skyscope.server.store;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.MongoCollection;
import java.time.Instant;
import java.util.Optional;
import org.bson.Document;

/**
 * The {@code ssoStates} collection: single sign-ons that were started and not finished yet, one per
 * {@code state}. Only a hash of the state is the key (a copy of the store does not let anyone finish
 * someone else's sign-in); the nonce, the PKCE challenge, the redirect address and an invite code
 * are kept until the browser comes back. Single use: {@link #take} deletes the state as it reads it,
 * so a state (and with it the code sent along) can be handed in once, on any node.
 *
 * <p>Stateless apart from the collection handle; used from HTTP request threads and housekeeping.
 */
public final class SsoStates {
    /** A started sign-in. */
    public record Pending(String nonce, String codeChallenge, String redirectUri, String inviteCode,
                          Instant expiresAt) {
        public boolean expiredAt(Instant now) {
            return !expiresAt.isAfter(now);
        }
    }

    private final MongoCollection<Document> states;

    public SsoStates(MongoStore store) {
        this.states = store.database().getCollection("ssoStates");
        store.indexes().ascending(states, "expiresAt");
    }

    public void put(String stateHash, Pending p) {
        Document d = new Document("_id", stateHash).append("nonce", p.nonce())
                .append("codeChallenge", p.codeChallenge()).append("redirectUri", p.redirectUri())
                .append("expiresAt", Docs.date(p.expiresAt()));
        if (p.inviteCode() != null) {
            d.append("inviteCode", p.inviteCode());
        }
        states.insertOne(d);
    }

    /** Removes and returns the sign-in started with this state: exactly one caller gets it. */
    public Optional<Pending> take(String stateHash) {
        return Optional.ofNullable(states.findOneAndDelete(eq("_id", stateHash)))
                .map(d -> new Pending(d.getString("nonce"), d.getString("codeChallenge"), d.getString("redirectUri"),
                        d.getString("inviteCode"), Docs.instant(d, "expiresAt")));
    }

    /** Deletes sign-ins that were never finished; the embedded store has no TTL index to do it. */
    public long deleteExpired(Instant now) {
        return states.deleteMany(lte("expiresAt", Docs.date(now))).getDeletedCount();
    }
}
