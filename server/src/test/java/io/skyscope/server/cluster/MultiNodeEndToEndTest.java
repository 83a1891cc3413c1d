package io.skyscope.server.cluster;

import static io.skyscope.server.cluster.TwoNodes.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.skyscope.client.ChatApi;
import io.skyscope.client.Connection;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ClientMessage.VoiceCommand;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.e2e.MapProbe;
import io.skyscope.server.space.SpaceService;
import io.skyscope.server.testing.RedisServer;
import io.skyscope.server.testing.StoreProcess;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two server nodes, one of them a separate process, sharing a real Redis server and a store
 * process: people on different nodes in the same space see each other move, chat, get voice
 * events and exchange signals; when the owning node dies another takes the space over; when
 * Redis dies and comes back, the nodes resubscribe and converge.
 */
class MultiNodeEndToEndTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    @RegisterExtension
    static final StoreProcess STORE = new StoreProcess();

    private TwoNodes nodes;

    @BeforeEach
    void start() {
        if (!REDIS.running()) {
            REDIS.start();
        }
        nodes = new TwoNodes(REDIS, STORE).start();
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void peopleOnDifferentNodesSeeHearAndChatWithEachOther() {
        AuthResponse bob = nodes.register(nodes.apiB(), "bob");
        AuthResponse alice = nodes.register(nodes.apiA(), "alice");
        String space = nodes.apiB().createSpace(bob.accessToken(), "Across " + UUID.randomUUID(), "public").id();
        Connection b = nodes.join(nodes.apiB(), bob, space);       // node B owns the space
        Connection a = nodes.join(nodes.apiA(), alice, space);     // node A forwards to it

        assertThat(a.world().snapshot().person(bob.userId())).isNotNull();
        await().atMost(TIMEOUT).until(() -> b.world().snapshot().person(alice.userId()) != null);

        // Moves cross in both directions.
        double[] step = spotNear(a.world().snapshot().self(), alice);
        a.move(step[0], step[1]);
        await().atMost(TIMEOUT).until(() -> at(b.world().snapshot().person(alice.userId()), step));
        double[] other = spotNear(b.world().snapshot().self(), bob);
        b.move(other[0], other[1]);
        await().atMost(TIMEOUT).until(() -> at(a.world().snapshot().person(bob.userId()), other));

        // Standing close: one voice.join each, exactly one offerer, and signals pass between nodes.
        var toAlice = a.await(ServerMessage.VoiceJoin.class, j -> j.peerId().equals(bob.userId()), TIMEOUT);
        var toBob = b.await(ServerMessage.VoiceJoin.class, j -> j.peerId().equals(alice.userId()), TIMEOUT);
        assertThat(toAlice.offerer()).isNotEqualTo(toBob.offerer());
        var offer = JsonNodeFactory.instance.objectNode().put("type", "offer").put("sdp", "v=0 test");
        Connection offerer = toAlice.offerer() ? a : b;
        Connection answerer = toAlice.offerer() ? b : a;
        String answererId = toAlice.offerer() ? bob.userId() : alice.userId();
        offerer.send(new VoiceCommand.Signal(answererId, offer, null));
        var relayed = answerer.await(ServerMessage.Signal.class, TIMEOUT);
        assertThat(relayed.payload()).isEqualTo(offer);
        // A signal to someone not in the voice set is refused, across nodes too.
        AuthResponse stranger = nodes.register(nodes.apiA(), "stranger");
        a.send(new VoiceCommand.Signal(stranger.userId(), offer, "sig-x"));
        var refused = a.await(ServerMessage.Error.class, e -> "sig-x".equals(e.ref()), TIMEOUT);
        assertThat(refused.code()).isEqualTo("not_in_voice_set");

        // Space chat from either node reaches the other.
        a.send(new ChatCommand.Send("space", "hello from A", "cm-" + UUID.randomUUID(), null, null));
        a.await(ChatEvent.Ack.class, TIMEOUT);
        var heard = b.await(ChatEvent.Message.class, m -> m.message().text().equals("hello from A"), TIMEOUT);
        assertThat(heard.message().senderId()).isEqualTo(alice.userId());
        b.send(new ChatCommand.Send("space", "hello from B", "cm-" + UUID.randomUUID(), null, null));
        a.await(ChatEvent.Message.class, m -> m.message().text().equals("hello from B"), TIMEOUT);
    }

    @Test
    void whenTheOwningNodeDiesAnotherTakesTheSpaceOver() {
        AuthResponse bob = nodes.register(nodes.apiB(), "bob");
        AuthResponse alice = nodes.register(nodes.apiA(), "alice");
        AuthResponse carol = nodes.register(nodes.apiA(), "carol");
        String space = nodes.apiB().createSpace(bob.accessToken(), "Failover " + UUID.randomUUID(), "public").id();
        nodes.join(nodes.apiB(), bob, space);                      // node B owns the space
        Connection a = nodes.join(nodes.apiA(), alice, space);
        Connection c = nodes.join(nodes.apiA(), carol, space);
        await().atMost(TIMEOUT).until(() -> a.world().snapshot().person(carol.userId()) != null);
        double[] step = spotNear(c.world().snapshot().self(), carol);
        c.move(step[0], step[1]);
        await().atMost(TIMEOUT).until(() -> at(a.world().snapshot().person(carol.userId()), step));
        // The owner saves positions every second, for whoever owns the space next.
        try (var redis = RedisConnection.client(REDIS.url())) {
            await().atMost(TIMEOUT).until(() -> (step[0] + "," + step[1]).equals(
                    redis.hget("skyscope:space-positions:" + space, carol.userId())));
        }

        nodes.b().kill();

        // Node A takes the lease once it expires, welcomes its people again where they stood,
        // and Bob, whose node is gone, is gone from the space.
        a.await(ServerMessage.Welcome.class, w -> w.ref() == null, TIMEOUT);
        await().atMost(TIMEOUT).until(() -> a.world().snapshot().person(bob.userId()) == null);
        assertThat(at(a.world().snapshot().person(carol.userId()), step)).isTrue();
        double[] back = spotNear(a.world().snapshot().self(), alice);
        a.move(back[0], back[1]);
        await().atMost(TIMEOUT).until(() -> at(c.world().snapshot().person(alice.userId()), back));
        c.send(new ChatCommand.Send("space", "still here", "cm-" + UUID.randomUUID(), null, null));
        a.await(ChatEvent.Message.class, m -> m.message().text().equals("still here"), TIMEOUT);
    }

    @Test
    void afterARedisOutageNodesResubscribeAndConverge() {
        AuthResponse bob = nodes.register(nodes.apiB(), "bob");
        AuthResponse alice = nodes.register(nodes.apiA(), "alice");
        String space = nodes.apiB().createSpace(bob.accessToken(), "Outage " + UUID.randomUUID(), "public").id();
        Connection b = nodes.join(nodes.apiB(), bob, space);       // node B owns the space
        Connection a = nodes.join(nodes.apiA(), alice, space);
        await().atMost(TIMEOUT).until(() -> b.world().snapshot().person(alice.userId()) != null);

        REDIS.kill();
        await().atMost(TIMEOUT).until(() -> nodes.health(nodes.apiA()) == 503);
        // Each node keeps serving its own clients: chat is stored and acknowledged...
        a.send(new ChatCommand.Send("space", "said during the outage", "cm-" + UUID.randomUUID(), null, null));
        a.await(ChatEvent.Ack.class, TIMEOUT);
        // ...and the owner's own people keep moving (nobody else can see it yet).
        double[] step = spotNear(b.world().snapshot().self(), bob);
        b.move(step[0], step[1]);
        b.send(new io.skyscope.protocol.ClientMessage.Ping("p1"));
        b.await(ServerMessage.Pong.class, TIMEOUT);
        REDIS.start();

        // Both nodes subscribe again by themselves; the owner's fresh welcome brings Bob's
        // position to Alice, and traffic crosses again.
        await().atMost(TIMEOUT).until(() -> nodes.health(nodes.apiA()) == 200);
        await().atMost(TIMEOUT).until(() -> at(a.world().snapshot().person(bob.userId()), step));
        double[] aliceStep = spotNear(a.world().snapshot().self(), alice);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            a.move(aliceStep[0], aliceStep[1]);
            await().atMost(java.time.Duration.ofSeconds(2))
                    .until(() -> at(b.world().snapshot().person(alice.userId()), aliceStep));
        });
        a.send(new ChatCommand.Send("space", "after the outage", "cm-" + UUID.randomUUID(), null, null));
        b.await(ChatEvent.Message.class, m -> m.message().text().equals("after the outage"), TIMEOUT);
        // What was said during the outage reaches Bob through history.
        var history = new ChatApi(nodes.apiB()).spaceMessages(bob.accessToken(), space, "space", null, 50);
        assertThat(history.messages()).extracting(m -> m.text()).contains("said during the outage", "after the outage");
        assertThat(nodes.b().alive()).isTrue();
    }

    private double[] spotNear(Person me, AuthResponse user) {
        SkyScopeApi api = nodes.apiA();
        var probe = new MapProbe(api.send("GET", "api/v1/maps/" + SpaceService.DEFAULT_MAP_ID + "?version=1",
                user.accessToken(), null, String.class));
        return probe.openSpotInLineOfSight(me.x(), me.y(), 24, null, 0);
    }

    private static boolean at(Person person, double[] spot) {
        return person != null && Math.abs(person.x() - spot[0]) < 0.5 && Math.abs(person.y() - spot[1]) < 0.5;
    }
}
