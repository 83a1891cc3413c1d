package io.skyscope.server.store;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import java.util.Optional;
import org.bson.Document;

/**
 * The {@code ssoLinks} collection: which account an identity at a single sign-on provider is, one
 * document per (issuer, subject) — the pair OpenID Connect promises never to reuse for someone else
 * ({@code _id} = issuer, a line feed, subject, so the pair is unique without a compound index). An
 * email address never links anyone. {@link Users#delete} removes an account's links.
 *
 * <p>Stateless apart from the collection handle; used from HTTP request threads.
 */
public final class SsoLinks {
    static final String COLLECTION = "ssoLinks";

    private final MongoCollection<Document> links;

    public SsoLinks(MongoStore store) {
        this.links = store.database().getCollection(COLLECTION);
        store.indexes().ascending(links, "userId");
    }

    /** The account linked to this identity. */
    public Optional<String> userOf(String issuer, String subject) {
        return Optional.ofNullable(links.find(eq("_id", key(issuer, subject))).first()).map(d -> d.getString("userId"));
    }

    /** Links the identity to the account; false if it is linked already (another sign-in won a race). */
    public boolean link(String issuer, String subject, String userId) {
        try {
            links.insertOne(new Document("_id", key(issuer, subject)).append("issuer", issuer)
                    .append("subject", subject).append("userId", userId));
            return true;
        } catch (MongoWriteException e) {
            if (Docs.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    private static String key(String issuer, String subject) {
        return issuer + "\n" + subject;
    }
}
