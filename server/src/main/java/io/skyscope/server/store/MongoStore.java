package io.skyscope.server.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.MongoException;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's MongoDB connection: either an embedded mongo-java-server persisting to an H2 file
 * (the default for a self-hosted install) or a real MongoDB reached by URI.
 *
 * <p>Both speak the wire protocol through the official driver, so the collection classes do not
 * know which one they talk to. What the embedded one lacks (non-unique indexes, TTL, transactions)
 * is listed in PLATFORM.md; the collections are written not to depend on it for correctness.
 *
 * <p>Thread-safety: {@link #database()}, {@link #flush()} and {@link #healthy()} may be called from
 * any thread (request threads, schedulers) at the same time. {@link #close()} is called once, by
 * the composition root at shutdown, after everything that uses the store has stopped.
 */
public final class MongoStore implements AutoCloseable {
    /** The database all SkyScope collections live in, unless the URI names another one. */
    public static final String DEFAULT_DATABASE = "skyscope";
    /** The H2 file inside the data directory. */
    public static final String EMBEDDED_FILE = "skyscope.mv.db";
    private static final long OWNED_CACHE_MILLIS = 60_000;

    private static final Logger log = LoggerFactory.getLogger(MongoStore.class);
    /**
     * The page cache of {@link #embedded(Path)} (the server's own comes from STORE_CACHE_MB, 64 by
     * default): MVStore's default of 16 MB made a 100,000-message history crawl (PLATFORM.md).
     */
    static final int EMBEDDED_CACHE_MB = 64;

    private final MongoClient client;
    private final MongoDatabase database;
    private final EmbeddedMongoServer server;
    private final H2Backend backend;

    private MongoStore(MongoClient client, String databaseName, EmbeddedMongoServer server, H2Backend backend) {
        this.client = client;
        this.database = client.getDatabase(databaseName);
        this.server = server;
        this.backend = backend;
    }

    /**
     * Starts mongo-java-server with the H2 backend on {@code dataDir/skyscope.mv.db}, listening on
     * 127.0.0.1 on a free port, and connects to it. Data written before {@link #close()} (or
     * before {@link #flush()}) is there again after the next start.
     *
     * <p>The port is reachable by every process on the host, so each connection must first
     * authenticate with a random password made here and held only in this process's memory
     * ({@link StoreGate}); the data directory is made readable by the owner only, so the H2 file
     * cannot be read around it.
     */
    public static MongoStore embedded(Path dataDir) {
        return embedded(dataDir, EMBEDDED_CACHE_MB);
    }

    /**
     * As {@link #embedded(Path)}, keeping up to {@code cacheMb} megabytes of the store's pages in
     * memory. The cache holds what has been read, so it grows with the data in use up to this: a
     * smaller one costs reads from the file (a collection scanned whole, as chat history is, is then
     * read from disk each time), a larger one heap.
     */
    public static MongoStore embedded(Path dataDir, int cacheMb) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + dataDir, e);
        }
        restrictToOwner(dataDir);
        Path file = dataDir.resolve(EMBEDDED_FILE);
        MVStore mvStore = new MVStore.Builder()
                .fileName(file.toString())
                .cacheSize(cacheMb)
                .open();
        H2Backend backend = new H2Backend(mvStore);
        String password = randomPassword();
        EmbeddedMongoServer server;
        try {
            server = EmbeddedMongoServer.start(backend, "127.0.0.1", password);
        } catch (RuntimeException e) {
            closeQuietly(backend);
            throw e;
        }
        MongoClient client = null;
        try {
            InetSocketAddress address = server.address();
            MongoClientSettings settings = MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString("mongodb://" + address.getHostString() + ":"
                            + address.getPort() + "/?directConnection=true"))
                    .credential(MongoCredential.createPlainCredential(
                            StoreGate.USER, StoreGate.SOURCE, password.toCharArray()))
                    .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS))
                    .writeConcern(WriteConcern.ACKNOWLEDGED)
                    .build();
            client = MongoClients.create(settings);
            log.info("Embedded MongoDB on {} (password-protected) with data in {}", address, file);
            return new MongoStore(client, DEFAULT_DATABASE, server, backend);
        } catch (RuntimeException e) {
            if (client != null) {
                client.close();
            }
            server.close();
            throw e;
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * rwx------ on file systems that know POSIX permissions; elsewhere, or where this process may
     * not change them (a directory owned by someone else), it says so and leaves them as they are.
     */
    private static void restrictToOwner(Path dir) {
        if (Files.getFileAttributeView(dir, PosixFileAttributeView.class) == null) {
            return;
        }
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            log.warn("Cannot make {} readable by its owner only ({}); other local users may read the store file",
                    dir, e.toString());
        }
    }

    /**
     * Connects to a real MongoDB. Writes wait for a journaled majority, so an acknowledged write
     * survives a crash of the server process or of a single replica.
     *
     * @param uri a {@code mongodb://} or {@code mongodb+srv://} URI; its database path, if any,
     *            replaces {@value #DEFAULT_DATABASE}
     */
    public static MongoStore connect(String uri) {
        ConnectionString connection = new ConnectionString(uri);
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(connection)
                .writeConcern(WriteConcern.MAJORITY.withJournal(true))
                .readConcern(ReadConcern.MAJORITY)
                .build();
        MongoClient client = MongoClients.create(settings);
        String name = connection.getDatabase() != null ? connection.getDatabase() : DEFAULT_DATABASE;
        log.info("Connected to MongoDB at {} (database {})", connection.getHosts(), name);
        return new MongoStore(client, name, null, null);
    }

    public MongoDatabase database() {
        return database;
    }

    /** Creates indexes the way this kind of store supports them. */
    public Indexes indexes() {
        return new Indexes(embedded());
    }

    /** Where the embedded store listens (loopback), or empty for a real MongoDB. */
    public Optional<InetSocketAddress> embeddedAddress() {
        return server == null ? Optional.empty() : Optional.of(server.address());
    }

    /** True when this store runs mongo-java-server in-process rather than a real MongoDB. */
    public boolean embedded() {
        return server != null;
    }

    /**
     * How long this process may keep what it read of a record that only this process's own store
     * classes change (and that drop it from their {@link TtlCache} when they do): on the embedded
     * store no other process writes, so such a cache is exact and the time to live is only a
     * safety net; a real MongoDB is shared with other nodes, so nothing is kept (0).
     */
    public long ownedCacheMillis() {
        return embedded() ? OWNED_CACHE_MILLIS : 0;
    }

    /**
     * Makes every acknowledged write durable now. The embedded store commits and syncs the H2
     * file (otherwise it does so about once a second); for a real MongoDB this does nothing,
     * because its writes were already acknowledged by a journaled majority.
     */
    public void flush() {
        if (backend != null) {
            backend.commit();
            backend.getMvStore().sync();
        }
    }

    /** Whether the database answers a ping within two seconds. Never throws. */
    public boolean healthy() {
        try {
            Document reply = database.withTimeout(2, TimeUnit.SECONDS).runCommand(new Document("ping", 1));
            Object ok = reply.get("ok");
            return ok instanceof Number n && n.doubleValue() == 1.0;
        } catch (MongoException | IllegalStateException e) {
            log.warn("MongoDB health check failed: {}", e.toString());
            return false;
        }
    }

    /** Closes the client, then the embedded server, then its H2 file (committing what is left). */
    @Override
    public void close() {
        client.close();
        if (server != null) {
            // close() also closes the backend; closing it again below is a no-op then, and
            // covers a server that failed half-way through its shutdown.
            server.close();
            closeQuietly(backend);
            log.info("Embedded MongoDB stopped");
        }
    }

    private static void closeQuietly(H2Backend backend) {
        if (!backend.getMvStore().isClosed()) {
            backend.close();
        }
    }
}
