package io.skyscope.server.chat;

import io.skyscope.protocol.ProtocolCodec;
import io.skyscope.protocol.ProtocolException;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.bus.EventBus;
import io.skyscope.server.bus.InProcessEventBus;
import io.skyscope.server.chat.store.ChatStores;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.metrics.ServerMetrics;
import io.skyscope.server.store.GroupCommit;
import io.skyscope.server.store.MongoStore;
import io.skyscope.server.testing.TestServices;
import io.skyscope.server.world.SpaceLoader;
import io.skyscope.server.world.SpaceOwners;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The chat services wired as the server wires them, over a real embedded store and the in-process
 * bus, on a test clock; no sockets. {@link #inbox} collects what the bus delivers to a user.
 */
final class ChatFixture implements AutoCloseable {
    final TestServices services;
    final ChatStores stores;
    final GroupCommit commit;
    final EventBus bus = new InProcessEventBus();
    final ServerMetrics metrics = new ServerMetrics();
    final SpaceOwners owners;
    final ChatAccess access;
    final ChatService chat;
    final ChatReads reads;
    final ChatHistory history;
    final ChatRetention retention;
    final ChatFanout fanout;

    ChatFixture(MongoStore store) {
        services = new TestServices(store);
        stores = ChatStores.open(store);
        commit = new GroupCommit(store);
        stores.attach(commit);
        commit.start();
        SpaceLoader noSpaces = spaceId -> {
            throw new IllegalStateException("no world in this test");
        };
        owners = new SpaceOwners(noSpaces, bus, metrics, WorldTuning.defaults(), services.clock, Duration.ofMinutes(1));
        access = new ChatAccess(services.spaceService, services.users, stores.sanctions(), stores.conversations(),
                services.clock);
        fanout = new ChatFanout(bus).start();
        chat = new ChatService(stores, services.users, access, new ChatRecipients(owners), fanout, commit,
                new ChatRateLimiter(1000, 1000), services.clock);
        reads = new ChatReads(stores, access, fanout);
        history = new ChatHistory(stores, access);
        retention = new ChatRetention(stores, access, commit, services.clock);
    }

    /** Registers an account and returns its user id. */
    String user(String name) {
        return services.auth.register(name, "violet harbor lantern " + name, name, null, "127.0.0.1").userId();
    }

    /** Everything the bus delivers to the user from now on, decoded. */
    List<ServerMessage> inbox(String userId) {
        List<ServerMessage> got = new CopyOnWriteArrayList<>();
        bus.subscribe(EventBus.Topics.user(userId), frame -> {
            try {
                got.add(ProtocolCodec.decodeServer(frame));
            } catch (ProtocolException e) {
                throw new UncheckedIOException(new java.io.IOException(e));
            }
        });
        return got;
    }

    @Override
    public void close() {
        commit.close();
        fanout.close();
        owners.close();
        metrics.close();
        bus.close();
    }
}
