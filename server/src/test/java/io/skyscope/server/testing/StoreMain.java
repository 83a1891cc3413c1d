package io.skyscope.server.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;

/**
 * A standalone store for tests: mongo-java-server with the H2 backend, listening on
 * 127.0.0.1:PORT with its file in DIR, in a process of its own ({@link StoreProcess} starts it).
 * Commits to the file every 50 ms, so little is lost if the process is killed; SIGTERM closes it
 * cleanly. Usage: {@code StoreMain PORT DIR}.
 */
public final class StoreMain {
    private StoreMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path dir = Files.createDirectories(Path.of(args[1]));
        MVStore mvStore = new MVStore.Builder().fileName(dir.resolve("store.mv.db").toString()).cacheSize(64).open();
        H2Backend backend = new H2Backend(mvStore);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        Thread committer = Thread.ofPlatform().daemon().name("store-commit").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(50);
                    backend.commit();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    System.err.println("commit failed: " + e);
                }
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            committer.interrupt();
            server.shutdownNow();
            backend.close();
        }));
        System.out.println("store listening on 127.0.0.1:" + port);
    }
}
