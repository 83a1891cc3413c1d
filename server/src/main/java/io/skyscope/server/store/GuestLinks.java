package io.skyscope.server.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * The {@code guestLinks} collection: links that let people into one space as guests, without an
 * account. {@code _id} = the code (random, like an invite code); {@code guests} counts the seats
 * taken, up to {@code maxGuests}.
 *
 * <p>Thread-safe; {@link #takeSeat} is atomic, so the last seat goes to one guest only.
 */
public final class GuestLinks {
    private final MongoCollection<Document> links;

    public GuestLinks(MongoStore store) {
        this.links = store.database().getCollection("guestLinks");
        store.indexes().ascending(links, "spaceId");
        store.indexes().ascending(links, "expiresAt");
    }

    /** A guest link to a space, admitting {@code maxGuests} guests until {@code expiresAt}. */
    public record GuestLink(String code, String spaceId, String createdBy, Instant createdAt, Instant expiresAt,
                            int maxGuests, int guests) {
        public boolean openAt(Instant now) {
            return now.isBefore(expiresAt);
        }
    }

    public GuestLink create(String spaceId, String createdBy, Instant now, Instant expiresAt, int maxGuests) {
        if (maxGuests < 1) {
            throw new IllegalArgumentException("maxGuests must be positive: " + maxGuests);
        }
        GuestLink link = new GuestLink(Invites.newCode(), spaceId, createdBy, Docs.millis(now), Docs.millis(expiresAt),
                maxGuests, 0);
        links.insertOne(new Document("_id", link.code())
                .append("spaceId", spaceId)
                .append("createdBy", createdBy)
                .append("createdAt", Docs.date(link.createdAt()))
                .append("expiresAt", Docs.date(link.expiresAt()))
                .append("maxGuests", maxGuests)
                .append("guests", 0));
        return link;
    }

    public Optional<GuestLink> find(String code) {
        return Optional.ofNullable(links.find(eq("_id", code)).first()).map(GuestLinks::fromDocument);
    }

    /**
     * Takes one seat if the link is open and not full, atomically.
     *
     * @return the link after this seat was taken, or empty if it is unknown, expired or full
     */
    public Optional<GuestLink> takeSeat(String code, int maxGuests, Instant now) {
        // maxGuests never changes, so "guests < maxGuests" in the filter makes the increment a safe CAS.
        Document updated = links.findOneAndUpdate(
                and(eq("_id", code), lt("guests", maxGuests), gt("expiresAt", Docs.date(now))),
                Updates.inc("guests", 1),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(updated).map(GuestLinks::fromDocument);
    }

    /** Gives back a seat taken by {@link #takeSeat} when the join failed afterwards. */
    public void releaseSeat(String code) {
        links.updateOne(and(eq("_id", code), gt("guests", 0)), Updates.inc("guests", -1));
    }

    /** The space's links that have not expired (a scan on the embedded store: an admin's listing). */
    public List<GuestLink> ofSpace(String spaceId, Instant now) {
        return list(and(eq("spaceId", spaceId), gt("expiresAt", Docs.date(now))));
    }

    /** Links that expired at or before {@code now}, for the sweep that ends their guests. */
    public List<GuestLink> expired(Instant now) {
        return list(lte("expiresAt", Docs.date(now)));
    }

    /** @return whether the link existed in that space and is now gone */
    public boolean delete(String spaceId, String code) {
        return links.deleteOne(and(eq("_id", code), eq("spaceId", spaceId))).getDeletedCount() == 1;
    }

    private List<GuestLink> list(org.bson.conversions.Bson filter) {
        List<GuestLink> found = new ArrayList<>();
        links.find(filter).map(GuestLinks::fromDocument).forEach(found::add);
        return found;
    }

    private static GuestLink fromDocument(Document d) {
        return new GuestLink(d.getString("_id"), d.getString("spaceId"), d.getString("createdBy"),
                Docs.instant(d, "createdAt"), Docs.instant(d, "expiresAt"), d.getInteger("maxGuests", 1),
                d.getInteger("guests", 0));
    }
}
