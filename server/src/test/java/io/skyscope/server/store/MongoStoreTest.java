package io.skyscope.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import io.skyscope.server.testing.EmbeddedMongo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class MongoStoreTest {
    @RegisterExtension
    final EmbeddedMongo mongo = new EmbeddedMongo();

    @Test
    void embeddedStoreIsHealthyAndSaysSo() {
        assertThat(mongo.store().embedded()).isTrue();
        assertThat(mongo.store().healthy()).isTrue();
    }

    @Test
    void dataSurvivesCloseAndReopen() {
        mongo.store().database().getCollection("things").insertOne(new Document("_id", "a").append("n", 1));

        MongoStore reopened = mongo.reopen();

        Document found = reopened.database().getCollection("things").find(new Document("_id", "a")).first();
        assertThat(found).isNotNull();
        assertThat(found.getInteger("n")).isEqualTo(1);
    }

    @Test
    void flushedWritesAreInTheFileWhileTheStoreIsStillOpen(@TempDir Path copyDir) throws Exception {
        MongoCollection<Document> things = mongo.store().database().getCollection("things");
        things.insertOne(new Document("_id", "flushed"));
        mongo.store().flush();

        // Copying the open file is what a hard kill leaves behind.
        Files.copy(mongo.dataDir().resolve(MongoStore.EMBEDDED_FILE), copyDir.resolve(MongoStore.EMBEDDED_FILE));
        try (MongoStore copy = MongoStore.embedded(copyDir)) {
            assertThat(copy.database().getCollection("things").countDocuments(new Document("_id", "flushed")))
                    .isEqualTo(1);
        }
    }

    @Test
    void uniqueIndexesSurviveReopen() {
        new Users(mongo.store());
        MongoCollection<Document> users = mongo.reopen().database().getCollection("users");

        users.insertOne(new Document("_id", "1").append("usernameLower", "alice"));
        assertThatThrownBy(() -> users.insertOne(new Document("_id", "2").append("usernameLower", "alice")))
                .isInstanceOfSatisfying(MongoWriteException.class,
                        e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
    }

    @Test
    void aClosedStoreIsNotHealthy(@TempDir Path dir) {
        MongoStore store = MongoStore.embedded(dir);
        store.close();
        assertThat(store.healthy()).isFalse();
    }
}
