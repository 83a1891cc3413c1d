package io.skyscope.server.e2e;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import io.skyscope.protocol.rest.AuthResponse;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Another process on the same host finds the embedded store's loopback port and talks the wire
 * protocol to it with its own driver: it must read nothing and change nothing, while the server
 * itself keeps working.
 */
class EmbeddedStoreAccessTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    @Test
    void aClientWithoutTheProcessCredentialCannotReadUsers() {
        SERVER.register("owner");
        try (MongoClient attacker = attacker(null)) {
            MongoCollection<Document> users = attacker.getDatabase("skyscope").getCollection("users");
            assertThatThrownBy(() -> users.find().first()).isInstanceOf(MongoException.class);
            assertThatThrownBy(() -> attacker.getDatabase("skyscope").listCollectionNames().first())
                    .isInstanceOf(MongoException.class);
        }
    }

    @Test
    void aClientWithoutTheProcessCredentialCannotMakeItselfAdmin() {
        SERVER.register("first");
        AuthResponse mallory = SERVER.register("mallory");
        try (MongoClient attacker = attacker(null)) {
            MongoCollection<Document> users = attacker.getDatabase("skyscope").getCollection("users");
            assertThatThrownBy(() -> users.updateOne(eq("_id", mallory.userId()), Updates.set("serverAdmin", true)))
                    .isInstanceOf(MongoException.class);
            assertThatThrownBy(() -> users.insertOne(new Document("_id", "planted")))
                    .isInstanceOf(MongoException.class);
        }
        assertThat(SERVER.api().me(mallory.accessToken()).serverAdmin()).isFalse();
        assertThat(SERVER.server().store().database().getCollection("users").countDocuments(eq("_id", "planted")))
                .isZero();
    }

    @Test
    void aGuessedCredentialIsRefused() {
        try (MongoClient attacker = attacker(MongoCredential.createPlainCredential(
                "skyscope", "$external", "guess".toCharArray()))) {
            assertThatThrownBy(() -> attacker.getDatabase("skyscope").getCollection("users").find().first())
                    .isInstanceOf(MongoException.class);
        }
    }

    @Test
    void theServerItselfStillReadsAndWrites() {
        AuthResponse alice = SERVER.register("alice");
        assertThat(SERVER.api().me(alice.accessToken()).userId()).isEqualTo(alice.userId());
        assertThat(SERVER.server().store().healthy()).isTrue();
    }

    @Test
    void theStoreFileIsReadableByItsOwnerOnly() throws Exception {
        Path storeDir = SERVER.server().config().dataDir().resolve("db");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(storeDir))).isEqualTo("rwx------");
    }

    private static MongoClient attacker(MongoCredential credential) {
        InetSocketAddress address = SERVER.server().store().embeddedAddress().orElseThrow();
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://" + address.getHostString() + ":"
                        + address.getPort() + "/?directConnection=true"))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .applyToSocketSettings(s -> s.readTimeout(10, TimeUnit.SECONDS));
        if (credential != null) {
            settings.credential(credential);
        }
        return MongoClients.create(settings.build());
    }
}
