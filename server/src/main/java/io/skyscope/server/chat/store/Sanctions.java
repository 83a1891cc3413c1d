package io.skyscope.server.chat.store;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.skyscope.protocol.rest.SanctionView;
import io.skyscope.server.space.SpaceBans;
import io.skyscope.server.store.MongoStore;
import io.skyscope.server.store.TtlCache;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The {@code spaceSanctions} collection: bans and mutes, one document per space and user
 * ({@code _id} = {@code <spaceId>:<userId>}), so the check made on every join and every chat send
 * is one lookup by id, cached for a few seconds. A change applies at once on this node, and on
 * the others as soon as the {@linkplain #onChange announcement} reaches them ({@link #forget}); the
 * cache's time to live only bounds how long a lost announcement can matter. A document with
 * neither a ban nor a mute in force is as good as none.
 *
 * <p>Thread-safe (stateless over the collection).
 */
public final class Sanctions implements SpaceBans {
    /** Stored for a mute without an end. */
    public static final Instant INDEFINITE = Instant.parse("9999-12-31T00:00:00Z");

    /** How long another node's ban or mute may take to apply here. */
    private static final long CACHE_MILLIS = 5_000;

    private final MongoCollection<Document> sanctions;
    // Read on every join and every chat send; changes are rare.
    private final TtlCache<String, Sanction> cache;
    private volatile Consumer<String> announce = key -> { };

    public Sanctions(MongoStore store) {
        this.sanctions = store.database().getCollection("spaceSanctions");
        store.indexes().ascending(sanctions, "spaceId");
        this.cache = new TtlCache<>(CACHE_MILLIS, id -> Optional.ofNullable(sanctions.find(eq("_id", id)).first())
                .map(Sanctions::fromDocument));
    }

    /** What is in force against a user in a space. */
    public record Sanction(String spaceId, String userId, boolean banned, Instant mutedUntil, String reason, String by,
                    Instant at) {
        public boolean mutedAt(Instant now) {
            return mutedUntil != null && mutedUntil.isAfter(now);
        }

        public SanctionView view() {
            return new SanctionView(spaceId, userId, banned, mutedUntil, reason, by, at);
        }
    }

    /** Told the key of every change made here, to announce it to the other nodes. */
    public void onChange(Consumer<String> announce) {
        this.announce = announce;
    }

    /** Drops what this node cached for a key another node announced a change of. */
    public void forget(String key) {
        cache.invalidate(key);
    }

    private void changed(String spaceId, String userId) {
        String key = id(spaceId, userId);
        cache.invalidate(key);
        announce.accept(key);
    }

    private static String id(String spaceId, String userId) {
        return spaceId + ":" + userId;
    }

    public Optional<Sanction> find(String spaceId, String userId) {
        return cache.get(id(spaceId, userId));
    }

    @Override
    public boolean isBanned(String spaceId, String userId) {
        return find(spaceId, userId).map(Sanction::banned).orElse(false);
    }

    public void ban(String spaceId, String userId, String reason, String by, Instant at) {
        put(spaceId, userId, Updates.set("banned", true), reason, by, at);
    }

    public void unban(String spaceId, String userId) {
        sanctions.updateOne(eq("_id", id(spaceId, userId)), Updates.set("banned", false));
        changed(spaceId, userId);
    }

    public void mute(String spaceId, String userId, Instant until, String reason, String by, Instant at) {
        put(spaceId, userId, Updates.set("mutedUntil", Date.from(until)), reason, by, at);
    }

    public void unmute(String spaceId, String userId) {
        sanctions.updateOne(eq("_id", id(spaceId, userId)), Updates.set("mutedUntil", null));
        changed(spaceId, userId);
    }

    /** Bans and mutes in force in a space (scans on the embedded store; an admin's listing). */
    public List<Sanction> ofSpace(String spaceId, Instant now) {
        List<Sanction> found = new ArrayList<>();
        sanctions.find(eq("spaceId", spaceId)).forEach(d -> {
            Sanction s = fromDocument(d);
            if (s.banned() || s.mutedAt(now)) {
                found.add(s);
            }
        });
        return found;
    }

    private void put(String spaceId, String userId, Bson change, String reason, String by, Instant at) {
        sanctions.updateOne(eq("_id", id(spaceId, userId)), Updates.combine(change,
                Updates.set("spaceId", spaceId), Updates.set("userId", userId), Updates.set("reason", reason),
                Updates.set("by", by), Updates.set("at", Date.from(at))), new UpdateOptions().upsert(true));
        changed(spaceId, userId);
    }

    private static Sanction fromDocument(Document d) {
        Date muted = d.getDate("mutedUntil");
        Date at = d.getDate("at");
        return new Sanction(d.getString("spaceId"), d.getString("userId"), d.getBoolean("banned", false),
                muted == null ? null : muted.toInstant(), d.getString("reason"), d.getString("by"),
                at == null ? null : at.toInstant());
    }
}
