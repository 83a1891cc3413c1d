package io.skyscope.server.chat.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.model.Sorts;
import io.skyscope.client.ChatApi;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.MessagePage;
import io.skyscope.server.SkyScopeServer;
import io.skyscope.server.config.ServerConfig;
import io.skyscope.server.space.SpaceService;
import io.skyscope.server.store.MongoStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * History page latency on the embedded store with many messages in one space. Three steps, each
 * its own JVM so that "measure" starts cold, as after a restart:
 *
 * <pre>
 * fill    DIR N   N messages in the default space's channel (plus N/4 in another space and N/10 in
 *                 a conversation, so the collection holds more than the space), then close
 * measure DIR N   start the real server on DIR; time pages over REST: the first deep page (cold),
 *                 then 200 random deep pages, then a walk through the whole history
 * scan    DIR N   for comparison: the same deep page as a range query on _id (what a store
 *                 without usable range indexes has to answer by scanning)
 * </pre>
 */
public final class HistoryPageBenchmark {
    private static final int PAGE = 50;
    private static final String SPACE = SpaceService.DEFAULT_SPACE_ID;

    private HistoryPageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        int n = Integer.parseInt(args[2]);
        switch (args[0]) {
            case "fill" -> fill(dir, n);
            case "measure" -> measure(dir, n);
            case "scan" -> scan(dir, n);
            default -> throw new IllegalArgumentException("fill, measure or scan");
        }
    }

    private static void fill(Path dir, int n) {
        long start = System.nanoTime();
        try (MongoStore store = MongoStore.embedded(dir.resolve("db"))) {
            var stores = ChatStores.open(store);
            fill(stores, ChatKeys.space(SPACE), SPACE, "space", n);
            fill(stores, ChatKeys.space("elsewhere"), "elsewhere", "space", n / 4);
            fill(stores, ChatKeys.conversation("g-bench"), SPACE, "conv:g-bench", n / 10);
            store.flush();
        }
        System.out.printf("filled %d messages (+%d elsewhere) in %.1f s%n", n, n / 4 + n / 10,
                (System.nanoTime() - start) / 1e9);
    }

    private static void fill(ChatStores stores, String key, String spaceId, String channel, int count) {
        Instant t0 = Instant.parse("2026-11-01T09:00:00Z");
        List<StoredMessage> batch = new ArrayList<>();
        for (int seq = 1; seq <= count; seq++) {
            batch.add(new StoredMessage(ChatKeys.id(key, seq), spaceId, channel, "u-bench", "Bench",
                    key.replace(':', '-') + "-" + seq, "message number " + seq + " of a long and busy day",
                    t0.plusMillis(seq * 1000L), null, List.of(), null, false, List.of()));
            if (batch.size() == 1000) {
                stores.messages().insertAll(batch);
                batch.clear();
            }
        }
        stores.messages().insertAll(batch);
        stores.counters().raiseSeq(key, count);
    }

    private static void measure(Path dir, int n) {
        var config = ServerConfig.defaults(dir).withPort(0);
        // STORE_CACHE_MB as for the server: the embedded store's page cache.
        if (System.getenv("STORE_CACHE_MB") != null) {
            var q = config.quotas();
            config = config.withQuotas(new ServerConfig.Quotas(q.mapCacheSize(), q.mapVersionsKept(),
                    q.mapUploadsPerHour(), q.spaceMapStorageBytes(), q.spacesPerUser(), q.spaceCreatesPerHour(),
                    q.groupInvitesPerHour(), Integer.parseInt(System.getenv("STORE_CACHE_MB"))));
        }
        try (SkyScopeServer server = SkyScopeServer.start(config)) {
            var api = new SkyScopeApi(URI.create("http://127.0.0.1:" + server.port() + "/"));
            var chat = new ChatApi(api);
            AuthResponse reader = api.register("reader" + System.nanoTime() % 100000, "violet harbor lantern", null);
            String token = reader.accessToken();
            String deep = ChatKeys.id(ChatKeys.space(SPACE), n / 2);

            // The very first chat request of a fresh JVM also pays for class loading and compiling.
            long t = System.nanoTime();
            MessagePage first = chat.spaceMessages(token, SPACE, null, deep, PAGE);
            double cold = (System.nanoTime() - t) / 1e6;
            check(first, n / 2 - 1);
            // Another deep page far from the first: the store's cache has not seen it yet.
            String other = ChatKeys.id(ChatKeys.space(SPACE), n / 5);
            t = System.nanoTime();
            check(chat.spaceMessages(token, SPACE, null, other, PAGE), n / 5 - 1);
            double coldStore = (System.nanoTime() - t) / 1e6;

            Random random = new Random(42);
            int[] befores = new int[200];
            for (int i = 0; i < befores.length; i++) {
                befores[i] = PAGE + 1 + random.nextInt(n - PAGE);
            }
            // First pass: mostly pages the store has not read since it started; second: the same again.
            long[] firstPass = pages(chat, token, befores);
            long[] warm = pages(chat, token, befores);

            t = System.nanoTime();
            int pages = 0;
            int seen = 0;
            String cursor = null;
            do {
                MessagePage page = chat.spaceMessages(token, SPACE, null, cursor, 100);
                seen += page.messages().size();
                cursor = page.nextBefore();
                pages++;
            } while (cursor != null);
            double walk = (System.nanoTime() - t) / 1e9;
            if (seen != n) {
                throw new IllegalStateException("walked " + seen + " messages, expected " + n);
            }
            System.out.printf("messages=%d page=%d: first request after start (deep page) %.1f ms; second deep page "
                    + "(cold store) %.1f ms; 200 random deep pages p50 %.1f ms, p99 %.1f ms; the same again p50 %.1f "
                    + "ms, p99 %.1f ms; whole history in %d pages of 100: %.1f s (%.1f ms a page)%n", n, PAGE, cold,
                    coldStore, firstPass[firstPass.length / 2] / 1e6, firstPass[firstPass.length * 99 / 100] / 1e6,
                    warm[warm.length / 2] / 1e6, warm[warm.length * 99 / 100] / 1e6, pages, walk, walk * 1000 / pages);
        }
    }

    private static long[] pages(ChatApi chat, String token, int[] befores) {
        long[] nanos = new long[befores.length];
        for (int i = 0; i < befores.length; i++) {
            long t = System.nanoTime();
            MessagePage page = chat.spaceMessages(token, SPACE, null, ChatKeys.id(ChatKeys.space(SPACE), befores[i]), PAGE);
            nanos[i] = System.nanoTime() - t;
            check(page, befores[i] - 1);
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static void scan(Path dir, int n) {
        try (MongoStore store = MongoStore.embedded(dir.resolve("db"))) {
            var messages = ChatStores.open(store).messages().collection();
            String key = ChatKeys.space(SPACE);
            long t = System.nanoTime();
            List<String> ids = new ArrayList<>();
            messages.find(and(lt("_id", ChatKeys.id(key, n / 2)), gte("_id", key + ":")))
                    .sort(Sorts.descending("_id")).limit(PAGE).forEach(d -> ids.add(d.getString("_id")));
            System.out.printf("messages=%d: the same deep page as a range query on _id (cold): %.1f ms, %d messages%n",
                    n, (System.nanoTime() - t) / 1e6, ids.size());
        }
    }

    private static void check(MessagePage page, int newest) {
        if (page.messages().size() != PAGE || !page.messages().getFirst().id().endsWith(String.format("%012d", newest))) {
            throw new IllegalStateException("unexpected page starting at " + page.messages().getFirst().id());
        }
    }
}
