package io.skyscope.server.cluster;

import static io.skyscope.server.cluster.TwoNodes.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.skyscope.client.ApiError;
import io.skyscope.client.ChatApi;
import io.skyscope.client.Connection;
import io.skyscope.client.GuestApi;
import io.skyscope.client.Session;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.client.notes.RoomNotes;
import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.DeskCommand;
import io.skyscope.protocol.DeskEvent;
import io.skyscope.protocol.CloseCodes;
import io.skyscope.protocol.ClientMessage.VoiceCommand;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.InviteView;
import io.skyscope.protocol.rest.PasswordChange;
import io.skyscope.protocol.rest.SpaceView;
import io.skyscope.server.desks.DeskProbe;
import io.skyscope.server.e2e.MapProbe;
import io.skyscope.server.e2e.NotesWriters;
import io.skyscope.server.space.SpaceService;
import io.skyscope.server.store.MongoStore;
import io.skyscope.server.store.Notes;
import io.skyscope.server.testing.RedisServer;
import io.skyscope.server.testing.StoreProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.automerge.AmValue;
import org.automerge.Document;
import org.automerge.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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

    private static TwoNodes nodes;

    @BeforeAll
    static void startNodes() {
        nodes = new TwoNodes(REDIS, STORE).start();
    }

    /** Each test uses a space of its own; one that killed something leaves it to be started again here. */
    @BeforeEach
    void everythingRunning() {
        if (!REDIS.running()) {
            REDIS.start();
        }
        if (!nodes.b().alive()) {
            nodes.startB();
        }
        await().atMost(TIMEOUT).until(() -> nodes.health(nodes.apiA()) == 200 && nodes.health(nodes.apiB()) == 200);
    }

    @AfterEach
    void closeConnections() {
        nodes.closeConnections();
    }

    @AfterAll
    static void stopNodes() {
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
        // Alice's camera and screen flags, sent to node A, reach Bob through the owner on node B;
        // whose camera travels where (both are on), decided on node B, reaches Alice on node A.
        a.send(new VoiceCommand.VoiceState(false, false, true, true, null));
        assertThat(b.await(ServerMessage.VoiceState.class, s -> s.userId().equals(alice.userId()), TIMEOUT))
                .isEqualTo(new ServerMessage.VoiceState(alice.userId(), false, false, true, true));
        b.send(new VoiceCommand.VoiceState(false, false, true, false, null));
        assertThat(a.await(ServerMessage.VoiceVideo.class, v -> v.peerId().equals(bob.userId()) && v.receive(),
                TIMEOUT)).isEqualTo(new ServerMessage.VoiceVideo(bob.userId(), true, true));
        b.await(ServerMessage.VoiceVideo.class, v -> v.peerId().equals(alice.userId()), TIMEOUT);

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
        await().atMost(TIMEOUT).until(() -> at(a.world().snapshot().person(carol.userId()), step));
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
        var bobHears = new VoiceSetView();
        Connection b = nodes.join(nodes.apiB(), bob, space, bobHears);       // node B owns the space
        var aliceHears = new VoiceSetView();
        Connection a = nodes.join(nodes.apiA(), alice, space, aliceHears);
        await().atMost(TIMEOUT).until(() -> aliceHears.peers().contains(bob.userId())
                && bobHears.peers().contains(alice.userId()));

        REDIS.kill();
        await().atMost(TIMEOUT).until(() -> nodes.health(nodes.apiA()) == 503);
        // Each node keeps serving its own clients: chat is stored and acknowledged...
        a.send(new ChatCommand.Send("space", "said during the outage", "cm-" + UUID.randomUUID(), null, null));
        a.await(ChatEvent.Ack.class, TIMEOUT);
        // ...and Bob walks away on the owning node: his call with Alice ends, but the voice.leave
        // and his moves cannot reach Alice's node.
        Person bobAt = b.world().snapshot().self();
        double[] far = probe(bob).openSpotInLineOfSight(bobAt.x(), bobAt.y(), 400, null, 0);
        b.move(far[0], far[1]);
        await().atMost(TIMEOUT).until(() -> bobHears.peers().isEmpty());
        assertThat(aliceHears.peers()).containsExactly(bob.userId());
        REDIS.start();

        // Both nodes subscribe again by themselves; the owner's fresh welcome brings Bob's
        // position to Alice and ends her stale call.
        await().atMost(TIMEOUT).until(() -> nodes.health(nodes.apiA()) == 200 && nodes.health(nodes.apiB()) == 200);
        await().atMost(TIMEOUT).until(() -> at(a.world().snapshot().person(bob.userId()), far));
        await().atMost(TIMEOUT).until(() -> aliceHears.peers().isEmpty());
        // Traffic crosses again: Bob walks back, and both are in a call.
        b.move(bobAt.x(), bobAt.y());
        await().atMost(TIMEOUT).until(() -> at(a.world().snapshot().person(bob.userId()), new double[] {bobAt.x(), bobAt.y()}));
        await().atMost(TIMEOUT).until(() -> aliceHears.peers().contains(bob.userId())
                && bobHears.peers().contains(alice.userId()));
        a.send(new ChatCommand.Send("space", "after the outage", "cm-" + UUID.randomUUID(), null, null));
        b.await(ChatEvent.Message.class, m -> m.message().text().equals("after the outage"), TIMEOUT);
        // What was said during the outage reaches Bob through history.
        var history = new ChatApi(nodes.apiB()).spaceMessages(bob.accessToken(), space, "space", null, 50);
        assertThat(history.messages()).extracting(m -> m.text()).contains("said during the outage", "after the outage");
        assertThat(nodes.b().alive()).isTrue();
        // /health names the node and shows it subscribed twice; the owner's /metrics counts what Redis
        // did not take (Bob's walk away, for Alice on the other node).
        assertThat(nodes.apiA().send("GET", "health", null, null, String.class))
                .contains("\"kind\":\"redis\"").containsPattern("\"connects\":[2-9]");
        assertThat(nodes.apiA().send("GET", "metrics", null, null, String.class))
                .contains("skyscope_cluster_forwarded_total");
        assertThat(nodes.apiB().send("GET", "metrics", null, null, String.class))
                .containsPattern("skyscope_bus_dropped_total [1-9]");
    }

    @Test
    void aRestartedNodesClientsComeBackAndNoAcknowledgedChatIsLostOrDuplicated() {
        AuthResponse dee = nodes.register(nodes.apiB(), "dee");
        AuthResponse eve = nodes.register(nodes.apiA(), "eve");
        String space = nodes.apiA().createSpace(eve.accessToken(), "Restart " + UUID.randomUUID(), "public").id();
        var fast = new Session.Options(java.time.Duration.ofSeconds(10), java.time.Duration.ofMillis(100),
                java.time.Duration.ofMillis(800));
        try (var onB = Session.open(nodes.apiB(), new Session.Credentials(dee.username(), nodes.password(dee), null),
                space, fast);
             var onA = Session.open(nodes.apiA(), new Session.Credentials(eve.username(), nodes.password(eve), null),
                     space, fast)) {
            await().atMost(TIMEOUT).until(() -> onA.snapshot().person(dee.userId()) != null);
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                texts.add("before " + i);
                onB.say("space", texts.getLast());
            }
            nodes.restartB();   // while some of those may still be on their way
            for (int i = 0; i < 10; i++) {
                texts.add("during " + i);
                onB.say("space", texts.getLast());
            }

            await().atMost(TIMEOUT.multipliedBy(2)).until(() -> onB.reconnects() >= 1
                    && onB.state() == Session.State.ONLINE && onB.outbox().size() == 0);
            await().atMost(TIMEOUT).until(() -> onA.snapshot().person(dee.userId()) != null);
            var history = new ChatApi(nodes.apiA()).spaceMessages(eve.accessToken(), space, "space", null, 100);
            assertThat(history.messages()).extracting(m -> m.text()).containsExactlyInAnyOrderElementsOf(texts);
            // Dee's session is present at the space's owner again and moves are seen across nodes.
            double[] step = spotNear(onB.snapshot().self(), dee);
            onB.move(step[0], step[1]);
            await().atMost(TIMEOUT).until(() -> at(onA.snapshot().person(dee.userId()), step));
        }
    }

    @Test
    void connectingOnTheOtherNodeReplacesTheOlderConnection() throws Exception {
        AuthResponse carol = nodes.register(nodes.apiA(), "carol");
        AuthResponse dave = nodes.register(nodes.apiA(), "dave");
        String space = nodes.apiA().createSpace(carol.accessToken(), "Again " + UUID.randomUUID(), "public").id();
        Connection older = nodes.join(nodes.apiA(), carol, space);   // node A owns the space
        Connection d = nodes.join(nodes.apiA(), dave, space);

        Connection newer = nodes.join(nodes.apiB(), carol, space);  // the same user, on node B

        var closed = older.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(closed.code()).isEqualTo(CloseCodes.REPLACED);
        assertThat(older.await(ServerMessage.Error.class, TIMEOUT).code()).isEqualTo("replaced");
        // What the owner on node A sends her now reaches the newer connection, through Redis.
        double[] step = spotNear(d.world().snapshot().self(), dave);
        d.move(step[0], step[1]);
        await().atMost(TIMEOUT).until(() -> at(newer.world().snapshot().person(dave.userId()), step));
        await().atMost(TIMEOUT).until(() -> d.world().snapshot().person(carol.userId()) != null);
        assertThat(newer.isOpen()).isTrue();
    }

    @Test
    void removalAndSignOutOnOneNodeEndAccessOnTheOtherAtOnce() throws Exception {
        AuthResponse olga = nodes.register(nodes.apiA(), "olga");
        AuthResponse pat = nodes.register(nodes.apiA(), "pat");
        String hideout = nodes.apiA().createSpace(olga.accessToken(), "Hideout " + UUID.randomUUID(), "private").id();
        var invite = nodes.apiA().send("POST", "api/v1/spaces/" + hideout + "/invites", olga.accessToken(), null,
                InviteView.class);
        nodes.apiB().send("POST", "api/v1/invites/" + invite.code() + "/accept", pat.accessToken(), null,
                SpaceView.class);
        Connection o = nodes.join(nodes.apiA(), olga, hideout);
        Connection p = nodes.join(nodes.apiB(), pat, hideout);   // Pat is on node B
        await().atMost(TIMEOUT).until(() -> o.world().snapshot().person(pat.userId()) != null);

        // Removed on node A: Pat's connection on node B closes, and Olga sees him leave.
        nodes.apiA().send("DELETE", "api/v1/spaces/" + hideout + "/members/" + pat.userId(), olga.accessToken(),
                null, Void.class);
        assertThat(p.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.REMOVED);
        await().atMost(TIMEOUT).until(() -> o.world().snapshot().person(pat.userId()) == null);

        // Pat changes his password on node A: his connection on node B closes, and node B refuses his
        // old access token at once.
        Connection elsewhere = nodes.join(nodes.apiB(), pat, SpaceService.DEFAULT_SPACE_ID);
        nodes.apiA().send("POST", "api/v1/me/password", pat.accessToken(),
                new PasswordChange("violet harbor lantern " + pat.username(), "a new passphrase for pat"), Void.class);
        assertThat(elsewhere.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).code())
                .isEqualTo(CloseCodes.SIGNED_OUT);
        assertThatThrownBy(() -> nodes.apiB().me(pat.accessToken()))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void revokingAGuestLinkOnOneNodeClosesTheGuestsSocketOnTheOther() throws Exception {
        AuthResponse olga = nodes.register(nodes.apiA(), "olga");
        String lobby = nodes.apiA().createSpace(olga.accessToken(), "Lobby " + UUID.randomUUID(), "private").id();
        var link = new GuestApi(nodes.apiA()).createGuestLink(olga.accessToken(), lobby, null, null);
        AuthResponse gus = new GuestApi(nodes.apiB()).join(link.code(), "Gus").tokens();
        Connection o = nodes.join(nodes.apiA(), olga, lobby);
        Connection g = nodes.join(nodes.apiB(), gus, lobby);   // the guest is on node B
        await().atMost(TIMEOUT).until(() -> o.world().snapshot().person(gus.userId()) != null);

        new GuestApi(nodes.apiA()).revokeGuestLink(olga.accessToken(), lobby, link.code());

        assertThat(g.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.SIGNED_OUT);
        await().atMost(TIMEOUT).until(() -> o.world().snapshot().person(gus.userId()) == null);
        assertThatThrownBy(() -> nodes.apiB().space(gus.accessToken(), lobby))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    private double[] spotNear(Person me, AuthResponse user) {
        return probe(user).openSpotInLineOfSight(me.x(), me.y(), 24, null, 0);
    }

    private MapProbe probe(AuthResponse user) {
        SkyScopeApi api = nodes.apiA();
        return new MapProbe(api.send("GET", "api/v1/maps/" + SpaceService.DEFAULT_MAP_ID + "?version=1",
                user.accessToken(), null, String.class));
    }

    private static boolean at(Person person, double[] spot) {
        return person != null && Math.abs(person.x() - spot[0]) < 0.5 && Math.abs(person.y() - spot[1]) < 0.5;
    }

    /**
     * A meeting room's notes written by people connected to both nodes: everyone sees everyone's
     * edits live, the texts converge with every word in them, and the store holds that same text.
     */
    @Test
    void aRoomsNotesWrittenOnTwoNodesAtOnceEndAsOneTextWithEveryonesWordsAndTheStoreHoldsIt() throws Exception {
        AuthResponse root = nodes.register(nodes.apiA(), "root");
        String space = nodes.apiA().createSpace(root.accessToken(), "Notes " + UUID.randomUUID(), "public").id();
        NotesWriters.uploadOffice(nodes.apiA(), root, space);
        try (Session ada = notesSession(nodes.apiA(), "ada", space);
             Session bo = notesSession(nodes.apiB(), "bo", space);
             Session cy = notesSession(nodes.apiB(), "cy", space);
             RoomNotes adas = NotesWriters.open(ada, new NotesWriters.Heard());
             RoomNotes bos = NotesWriters.open(bo, new NotesWriters.Heard());
             RoomNotes cys = NotesWriters.open(cy, new NotesWriters.Heard())) {
            // One word from each side reaches the other side live (no reconnect, no reopening).
            adas.edit(t -> new RoomNotes.TextEdit(0, 0, "from-a "));
            await().atMost(Duration.ofSeconds(20)).until(() -> bos.text().contains("from-a"));
            bos.edit(t -> new RoomNotes.TextEdit(t.length(), 0, "from-b "));
            await().atMost(Duration.ofSeconds(20)).until(() -> adas.text().contains("from-b"));

            var typists = List.of(new NotesWriters.Typist("a", ada, adas, 11), new NotesWriters.Typist("b", bo, bos, 12),
                    new NotesWriters.Typist("c", cy, cys, 13));
            try (var pool = Executors.newFixedThreadPool(typists.size())) {
                List<Future<?>> typing = typists.stream()
                        .map(t -> pool.submit(() -> t.type(150, 50, 7))).<Future<?>>map(f -> f).toList();
                for (Future<?> f : typing) {
                    f.get(120, TimeUnit.SECONDS);
                }
            }
            String text = NotesWriters.converged(typists);
            Set<String> expected = new HashSet<>(Set.of("from-a", "from-b"));
            typists.forEach(t -> expected.addAll(t.expected));
            assertThat(NotesWriters.words(text)).containsExactlyInAnyOrderElementsOf(expected);

            // Both nodes store by merging: the stored copy ends up with the same text.
            try (MongoStore store = MongoStore.connect(STORE.uri())) {
                Notes notes = new Notes(store);
                await().atMost(Duration.ofSeconds(20)).until(() -> text.equals(storedText(notes, space)));
            }
        }
    }

    private static String storedText(Notes notes, String space) {
        byte[] saved = notes.load(space, NotesWriters.ROOM).orElseThrow();
        Document doc = Document.load(saved);
        try {
            ObjectId text = ((AmValue.Text) doc.get(ObjectId.ROOT, "text").orElseThrow()).getId();
            return doc.text(text).orElse("");
        } finally {
            doc.free();
        }
    }

    private static Session notesSession(SkyScopeApi api, String prefix, String space) {
        AuthResponse user = nodes.register(api, prefix);
        return Session.open(api, new Session.Credentials(user.username(), nodes.password(user), null), space,
                NotesWriters.FAST);
    }

    /**
     * Desks across nodes: a claim on one node reaches people on the other at once and holds the
     * desk there too; a note left through one node waits for its holder, who reads it through the other.
     */
    @Test
    void aDeskClaimedOnOneNodeIsSeenOnTheOtherAndANoteCrossesToo() {
        AuthResponse bob = nodes.register(nodes.apiB(), "bob");
        AuthResponse alice = nodes.register(nodes.apiA(), "alice");
        String space = nodes.apiB().createSpace(bob.accessToken(), "Desks " + UUID.randomUUID(), "public").id();
        Connection b = nodes.join(nodes.apiB(), bob, space);
        Connection a = nodes.join(nodes.apiA(), alice, space);

        assertThat(DeskProbe.request(a, new DeskCommand.Claim("Desk A1", "a-claim"))).isNull();
        var claimed = b.await(DeskEvent.Changed.class, c -> c.desk().equals("Desk A1"), TIMEOUT);
        assertThat(claimed.holder().userId()).isEqualTo(alice.userId());
        assertThat(DeskProbe.refusal(b, new DeskCommand.Claim("Desk A1", "b-claim"))).isEqualTo("desk_taken");
        assertThat(DeskProbe.refusal(b, new DeskCommand.Note("Desk A1", "hi", "b-here"))).isEqualTo("holder_present");

        DeskProbe.leave(a, b, alice);
        assertThat(DeskProbe.request(b, new DeskCommand.Note("Desk A1", "see you at ten", "b-note"))).isNull();
        Connection back = nodes.join(nodes.apiB(), alice, space);
        var desks = DeskProbe.list(back, "a-list");
        assertThat(desks.mine()).isEqualTo("Desk A1");
        assertThat(desks.notes()).extracting(DeskEvent.Note::text).containsExactly("see you at ten");
    }
}
