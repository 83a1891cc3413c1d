package io.skyscope.server.store;

import io.skyscope.protocol.ErrorCode;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.skyscope.protocol.Status;
import io.skyscope.server.Refused;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The {@code users} collection: one document per account, {@code _id} = user id.
 *
 * <p>Usernames are unique regardless of case through a unique index on {@code usernameLower};
 * the username is kept as typed for display. Stateless apart from the collection handle, so it
 * may be used from any number of request threads at once.
 */
public final class Users {
    /** The avatar a new account gets. */
    public static final String DEFAULT_AVATAR = "a1";

    private static final String FIRST_ACCOUNT_FLAG = "firstAccount";
    private static final String TOKEN_GENERATION = "tokenGeneration";

    private final MongoCollection<Document> users;
    private final MongoCollection<Document> flags;
    private final MongoCollection<Document> emails;
    private final MongoCollection<Document> photos;
    private final MongoCollection<Document> ssoLinks;

    public Users(MongoStore store) {
        MongoDatabase db = store.database();
        Indexes indexes = store.indexes();
        this.users = db.getCollection("users");
        this.flags = db.getCollection("serverFlags");
        // One document per verified address, _id = the address in lower case: unique without a
        // sparse index (which the embedded store does not have).
        this.emails = db.getCollection("emailAddresses");
        indexes.ascending(emails, "userId");
        this.photos = db.getCollection(ProfilePhotos.COLLECTION);
        this.ssoLinks = db.getCollection(SsoLinks.COLLECTION);
        indexes.unique(users, "usernameLower");
        indexes.ascending(users, "serverAdmin");
    }

    /**
     * An account. {@code passwordHash} is a PHC string and must never leave the server, null for an
     * account made by single sign-on (it has no password); {@code email}
     * is the verified address as typed, or null; {@code card} what the profile card shows.
     */
    public record User(String id, String username, String displayName, String avatar, String passwordHash,
                       Status status, String statusText, boolean serverAdmin, Instant createdAt, String email,
                       Card card) {
        /** Without the password hash, so that logging a user cannot leak it. */
        @Override
        public String toString() {
            return "User[id=" + id + ", username=" + username + ", serverAdmin=" + serverAdmin + "]";
        }
    }

    /** The profile card's own fields, each null when unset; {@code photo} is the photo's version. */
    public record Card(String bio, String pronouns, String jobTitle, String timeZone, String photo) {
        public static final Card EMPTY = new Card(null, null, null, null, null);
    }

    /**
     * Inserts a new account with a random id, the default avatar and status "available".
     *
     * @throws Refused 409 {@code username_taken} if the username exists in any case
     */
    public User create(String username, String displayName, String passwordHash, boolean serverAdmin,
                       Instant createdAt) {
        User user = new User(Docs.newId(), username, displayName, DEFAULT_AVATAR, passwordHash,
                Status.AVAILABLE, null, serverAdmin, Docs.millis(createdAt), null, Card.EMPTY);
        try {
            users.insertOne(toDocument(user));
        } catch (MongoWriteException e) {
            if (Docs.isDuplicateKey(e)) {
                throw taken(username);
            }
            throw e;
        }
        return user;
    }

    /**
     * Claims the "first account on this server" marker, once per database. Two registrations
     * racing on an empty server cannot both win, because the marker's {@code _id} is unique.
     *
     * @return true for exactly one caller, and only while no account exists yet
     */
    public boolean claimFirstAccount(String username) {
        if (users.countDocuments() > 0) {
            return false;
        }
        try {
            flags.insertOne(new Document("_id", FIRST_ACCOUNT_FLAG).append("username", username));
            return true;
        } catch (MongoWriteException e) {
            if (Docs.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Gives the first-account marker back, when the registration that claimed it failed. */
    public void releaseFirstAccount() {
        flags.deleteOne(eq("_id", FIRST_ACCOUNT_FLAG));
    }

    public Optional<User> findById(String userId) {
        return Optional.ofNullable(users.find(eq("_id", userId)).first()).map(Users::fromDocument);
    }

    /** The answer to registering a name that exists. */
    public static Refused taken(String username) {
        return Refused.conflict(ErrorCode.USERNAME_TAKEN, "username", "The username '" + username + "' is taken");
    }

    /** Case-insensitive lookup through the unique {@code usernameLower} index. */
    public Optional<User> findByUsername(String username) {
        return Optional.ofNullable(users.find(eq("usernameLower", lower(username))).first()).map(Users::fromDocument);
    }

    /** The accounts among {@code userIds} that exist, in no particular order. */
    public List<User> findByIds(Collection<String> userIds) {
        List<User> found = new ArrayList<>();
        if (!userIds.isEmpty()) {
            users.find(in("_id", userIds)).forEach(d -> found.add(fromDocument(d)));
        }
        return found;
    }

    /** The earliest-created server admin, if any. Scans on the embedded store; called at start-up. */
    public Optional<User> firstServerAdmin() {
        return Optional.ofNullable(users.find(eq("serverAdmin", true)).sort(Sorts.ascending("createdAt")).first())
                .map(Users::fromDocument);
    }

    /**
     * Sets the given profile fields; a null argument leaves that field unchanged. An empty
     * {@code statusText} clears it.
     *
     * @return the updated account, or empty if it does not exist
     */
    public Optional<User> updateProfile(String userId, String displayName, String avatar, Status status,
                                        String statusText) {
        List<Bson> sets = new ArrayList<>();
        if (displayName != null) {
            sets.add(Updates.set("displayName", displayName));
        }
        if (avatar != null) {
            sets.add(Updates.set("avatar", avatar));
        }
        if (status != null) {
            sets.add(Updates.set("status", status.wireName()));
        }
        setOrClear(sets, "statusText", statusText);
        if (!sets.isEmpty()) {
            users.updateOne(eq("_id", userId), Updates.combine(sets));
        }
        return findById(userId);
    }

    /**
     * Sets the card's text fields: a null argument leaves that field unchanged, an empty one clears it.
     *
     * @return the updated account, or empty if it does not exist
     */
    public Optional<User> updateCard(String userId, String bio, String pronouns, String jobTitle, String timeZone) {
        List<Bson> sets = new ArrayList<>();
        setOrClear(sets, "bio", bio);
        setOrClear(sets, "pronouns", pronouns);
        setOrClear(sets, "jobTitle", jobTitle);
        setOrClear(sets, "timeZone", timeZone);
        if (!sets.isEmpty()) {
            users.updateOne(eq("_id", userId), Updates.combine(sets));
        }
        return findById(userId);
    }

    /** Records the version of the account's photo; null: no photo. */
    public Optional<User> setPhoto(String userId, String version) {
        users.updateOne(eq("_id", userId), version == null ? Updates.unset("photo") : Updates.set("photo", version));
        return findById(userId);
    }

    private static void setOrClear(List<Bson> sets, String field, String value) {
        if (value != null) {
            sets.add(value.isEmpty() ? Updates.unset(field) : Updates.set(field, value));
        }
    }

    /** @return whether the account exists */
    public boolean updatePasswordHash(String userId, String passwordHash) {
        return users.updateOne(eq("_id", userId), Updates.set("passwordHash", passwordHash)).getMatchedCount() == 1;
    }

    /**
     * The account's token generation: access tokens issued with an older one are no longer
     * accepted. Empty if there is no such account. Accounts that never raised it are at 0.
     */
    public Optional<Long> tokenGeneration(String userId) {
        Document d = users.find(eq("_id", userId)).projection(new Document(TOKEN_GENERATION, 1)).first();
        if (d == null) {
            return Optional.empty();
        }
        Number generation = d.get(TOKEN_GENERATION, Number.class);
        return Optional.of(generation == null ? 0L : generation.longValue());
    }

    /** Raises the account's token generation by one; returns the new one, empty if there is no such account. */
    public Optional<Long> raiseTokenGeneration(String userId) {
        Document after = users.findOneAndUpdate(eq("_id", userId), Updates.inc(TOKEN_GENERATION, 1L),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)
                        .projection(new Document(TOKEN_GENERATION, 1)));
        return Optional.ofNullable(after).map(d -> d.get(TOKEN_GENERATION, Number.class).longValue());
    }

    /** @return whether an account was deleted; its email address is free again and its photo gone */
    public boolean delete(String userId) {
        emails.deleteMany(eq("userId", userId));
        photos.deleteOne(eq("_id", userId));
        ssoLinks.deleteMany(eq("userId", userId));
        return users.deleteOne(eq("_id", userId)).getDeletedCount() == 1;
    }

    /** The account whose verified address this is (any case). */
    public Optional<User> findByEmail(String email) {
        Document claim = emails.find(eq("_id", email.toLowerCase(Locale.ROOT))).first();
        return claim == null ? Optional.empty() : findById(claim.getString("userId"));
    }

    /**
     * Makes {@code email} the account's verified address, freeing the one it had.
     *
     * @return false if another account holds the address (nothing changed)
     */
    public boolean setEmail(String userId, String email) {
        String key = email.toLowerCase(Locale.ROOT);
        try {
            emails.insertOne(new Document("_id", key).append("userId", userId));
        } catch (MongoWriteException e) {
            if (!Docs.isDuplicateKey(e)) {
                throw e;
            }
            Document holder = emails.find(eq("_id", key)).first();
            if (holder == null || !userId.equals(holder.getString("userId"))) {
                return false;
            }
        }
        emails.deleteMany(Filters.and(eq("userId", userId), Filters.ne("_id", key)));
        users.updateOne(eq("_id", userId), Updates.set("email", email));
        return true;
    }

    /** Removes the account's verified address. */
    public void removeEmail(String userId) {
        emails.deleteMany(eq("userId", userId));
        users.updateOne(eq("_id", userId), Updates.unset("email"));
    }

    public long count() {
        return users.countDocuments();
    }

    private static String lower(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    private static Document toDocument(User u) {
        Document d = new Document("_id", u.id())
                .append("username", u.username())
                .append("usernameLower", lower(u.username()))
                .append("displayName", u.displayName())
                .append("avatar", u.avatar())
                .append("passwordHash", u.passwordHash())
                .append("status", u.status().wireName())
                .append("serverAdmin", u.serverAdmin())
                .append("createdAt", Docs.date(u.createdAt()));
        if (u.statusText() != null) {
            d.append("statusText", u.statusText());
        }
        return d;
    }

    private static User fromDocument(Document d) {
        return new User(d.getString("_id"), d.getString("username"), d.getString("displayName"),
                d.get("avatar", DEFAULT_AVATAR), d.getString("passwordHash"), status(d.getString("status")),
                d.getString("statusText"), d.getBoolean("serverAdmin", false), Docs.instant(d, "createdAt"),
                d.getString("email"), new Card(d.getString("bio"), d.getString("pronouns"), d.getString("jobTitle"),
                d.getString("timeZone"), d.getString("photo")));
    }

    private static Status status(String wireName) {
        if (wireName == null) {
            return Status.AVAILABLE;
        }
        for (Status s : Status.values()) {
            if (s.wireName().equals(wireName)) {
                return s;
            }
        }
        return Status.AVAILABLE;
    }
}
