package io.skyscope.server.testing;

import io.skyscope.server.store.MongoStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension: a fresh embedded store (mongo-java-server + H2 in a temporary directory, on a
 * free port) for each test, reached through the real driver; closed and deleted afterwards.
 * Register with {@code @RegisterExtension final EmbeddedMongo mongo = new EmbeddedMongo();}.
 */
public final class EmbeddedMongo implements BeforeEachCallback, AfterEachCallback {
    private Path dir;
    private MongoStore store;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("skyscope-store-");
        store = MongoStore.embedded(dir);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (store != null) {
                store.close();
            }
        } finally {
            deleteTree(dir);
        }
    }

    public MongoStore store() {
        return store;
    }

    public Path dataDir() {
        return dir;
    }

    /** Closes the store and opens a new one on the same directory, as a server restart would. */
    public MongoStore reopen() {
        store.close();
        store = MongoStore.embedded(dir);
        return store;
    }

    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
