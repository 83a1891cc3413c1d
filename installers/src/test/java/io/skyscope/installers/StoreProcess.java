package io.skyscope.installers;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;

/**
 * A MongoDB stand-in in its own JVM, for tests that need the server to reach its store over the
 * network as it reaches the compose file's MongoDB: mongo-java-server with the H2 backend on
 * 127.0.0.1, on a free port, keeping its data in {@code DIR/store.mv.db}. Prints
 * {@code store listening on PORT}; runs until the process is stopped (closing the file cleanly on
 * SIGTERM). Usage: {@code StoreProcess DIR}
 */
public final class StoreProcess {
    static final String READY = "store listening on ";

    private StoreProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        MVStore mvStore = new MVStore.Builder().fileName(dir.resolve("store.mv.db").toString()).open();
        H2Backend backend = new H2Backend(mvStore);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            backend.close();
        }));
        System.out.println(READY + server.getLocalAddress().getPort());
        Thread.currentThread().join(); // until the process is stopped
    }
}
