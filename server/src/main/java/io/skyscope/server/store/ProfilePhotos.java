package io.skyscope.server.store;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The {@code profilePhotos} collection: one document per account ({@code _id} = user id) with the
 * photo's version and a PNG per size, so serving a size is one read and no image work. Stateless
 * apart from the collection handle; used from HTTP request threads.
 */
public final class ProfilePhotos {
    /** One size of a photo. */
    public record Photo(String version, byte[] png) {
    }

    /** The collection's name; {@link Users#delete} empties an account's document in it too. */
    static final String COLLECTION = "profilePhotos";

    private final MongoCollection<Document> photos;

    public ProfilePhotos(MongoStore store) {
        this.photos = store.database().getCollection(COLLECTION);
    }

    /** Stores the sizes of a new photo, replacing the old one. */
    public void put(String userId, String version, Map<Integer, byte[]> pngBySize) {
        Document d = new Document("_id", userId).append("version", version);
        pngBySize.forEach((size, png) -> d.append("s" + size, new Binary(png)));
        photos.replaceOne(eq("_id", userId), d, new ReplaceOptions().upsert(true));
    }

    public Optional<Photo> find(String userId, int size) {
        Document d = photos.find(eq("_id", userId)).projection(new Document("version", 1).append("s" + size, 1)).first();
        if (d == null || d.get("s" + size) == null) {
            return Optional.empty();
        }
        return Optional.of(new Photo(d.getString("version"), Docs.bytes(d.get("s" + size))));
    }

    public void delete(String userId) {
        photos.deleteOne(eq("_id", userId));
    }
}
