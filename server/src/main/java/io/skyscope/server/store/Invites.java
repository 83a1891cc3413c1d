package io.skyscope.server.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * The {@code invites} collection: codes that let someone join a space (and, on a server in
 * invite-only mode, register). {@code _id} = the code, 12 random bytes in base64url (16 chars).
 *
 * <p>Thread-safe; {@link #consume} is atomic, so an invite with one use left admits one person
 * even when several accept it at the same moment.
 */
public final class Invites {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int CODE_BYTES = 12;

    private final MongoCollection<Document> invites;

    public Invites(MongoStore store) {
        MongoDatabase db = store.database();
        Indexes indexes = store.indexes();
        this.invites = db.getCollection("invites");
        indexes.ascending(invites, "spaceId");
        indexes.ascending(invites, "expiresAt");
    }

    /** An invite code to a space, usable {@code maxUses} times until {@code expiresAt}. */
    public record Invite(String code, String spaceId, String createdBy, Instant createdAt, Instant expiresAt,
                         int maxUses, int uses) {
        public boolean usableAt(Instant now) {
            return now.isBefore(expiresAt) && uses < maxUses;
        }
    }

    public Invite create(String spaceId, String createdBy, Instant now, Instant expiresAt, int maxUses) {
        if (maxUses < 1) {
            throw new IllegalArgumentException("maxUses must be positive: " + maxUses);
        }
        Invite invite = new Invite(newCode(), spaceId, createdBy, Docs.millis(now), Docs.millis(expiresAt), maxUses, 0);
        invites.insertOne(new Document("_id", invite.code())
                .append("spaceId", spaceId)
                .append("createdBy", createdBy)
                .append("createdAt", Docs.date(invite.createdAt()))
                .append("expiresAt", Docs.date(invite.expiresAt()))
                .append("maxUses", maxUses)
                .append("uses", 0));
        return invite;
    }

    public Optional<Invite> find(String code) {
        return Optional.ofNullable(invites.find(eq("_id", code)).first()).map(Invites::fromDocument);
    }

    /**
     * Uses the invite once if it is unexpired and has uses left, atomically.
     *
     * @return the invite after this use, or empty if it is unknown, expired or used up
     */
    public Optional<Invite> consume(String code, Instant now) {
        Optional<Invite> current = find(code);
        if (current.isEmpty() || !current.get().usableAt(now)) {
            return Optional.empty();
        }
        // maxUses never changes, so "uses < maxUses" in the filter makes the increment a safe CAS.
        Document updated = invites.findOneAndUpdate(
                and(eq("_id", code), lt("uses", current.get().maxUses()), gt("expiresAt", Docs.date(now))),
                Updates.inc("uses", 1),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(updated).map(Invites::fromDocument);
    }

    /** Gives back a use taken by {@link #consume} when what it was for failed afterwards. */
    public void release(String code) {
        invites.updateOne(and(eq("_id", code), gt("uses", 0)), Updates.inc("uses", -1));
    }

    /** The space's invites that have not expired (a scan on the embedded store: an admin's listing). */
    public List<Invite> ofSpace(String spaceId, Instant now) {
        List<Invite> found = new ArrayList<>();
        invites.find(and(eq("spaceId", spaceId), gt("expiresAt", Docs.date(now)))).map(Invites::fromDocument)
                .forEach(found::add);
        return found;
    }

    /** @return whether the invite existed in that space and is now gone */
    public boolean delete(String spaceId, String code) {
        return invites.deleteOne(and(eq("_id", code), eq("spaceId", spaceId))).getDeletedCount() == 1;
    }

    public long deleteAllOfSpace(String spaceId) {
        return invites.deleteMany(eq("spaceId", spaceId)).getDeletedCount();
    }

    /** Deletes invites that expired before {@code now} (there is no TTL on the embedded store). */
    public long deleteExpired(Instant now) {
        return invites.deleteMany(lt("expiresAt", Docs.date(now))).getDeletedCount();
    }

    static String newCode() {
        byte[] bytes = new byte[CODE_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Invite fromDocument(Document d) {
        return new Invite(d.getString("_id"), d.getString("spaceId"), d.getString("createdBy"),
                Docs.instant(d, "createdAt"), Docs.instant(d, "expiresAt"), d.getInteger("maxUses", 1),
                d.getInteger("uses", 0));
    }
}
