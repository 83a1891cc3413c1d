package io.skyscope.server.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the collections' indexes at start-up (from their constructors, on the thread that
 * builds them). Creating an index that exists already is a no-op, so this is idempotent.
 *
 * <p>Unique indexes are created everywhere: the embedded store honours them, and code relies on
 * them (duplicate usernames). Plain indexes only speed up a real MongoDB; the embedded store
 * would ignore them with a warning each start, so they are skipped there. Code must never rely
 * on a plain index for correctness. Obtain one from {@link MongoStore#indexes()}.
 */
public final class Indexes {
    private static final Logger log = LoggerFactory.getLogger(Indexes.class);

    private final boolean embedded;

    Indexes(boolean embedded) {
        this.embedded = embedded;
    }

    /** An ascending unique index on the given fields (compound if more than one). */
    public void unique(MongoCollection<Document> collection, String... fields) {
        create(collection, com.mongodb.client.model.Indexes.ascending(fields), new IndexOptions().unique(true));
    }

    /** An ascending index on the given fields, on a real MongoDB only. */
    public void ascending(MongoCollection<Document> collection, String... fields) {
        if (!embedded) {
            create(collection, com.mongodb.client.model.Indexes.ascending(fields), new IndexOptions());
        }
    }

    private static void create(MongoCollection<Document> collection, Bson keys, IndexOptions options) {
        String name = collection.createIndex(keys, options);
        log.debug("Index {} on {}", name, collection.getNamespace().getCollectionName());
    }
}
