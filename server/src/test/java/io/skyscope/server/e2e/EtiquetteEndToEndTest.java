package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.Connection;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.EtiquetteCommand;
import io.skyscope.protocol.EtiquetteEvent;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Office etiquette on the default office over real sockets: a locked meeting room refuses walkers,
 * lets a knocker in once, opens for the space's owner and unlocks itself when the last person
 * leaves; knocks at someone in do-not-disturb; waves; reactions above an avatar reach only the
 * people who see it. Walking is fast here (5000 px/s) and people see each other within 400 px.
 */
class EtiquetteEndToEndTest {
    static final String BOARDROOM = "Boardroom";
    /** Inside the Boardroom (tiles 33-44 x 22-29), and in the corridor just outside its door. */
    static final double[] INSIDE = {1200, 752};
    static final double[] DOOR = {1264, 656};
    private static final double[] BESIDE_DOOR = {1200, 656};

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c.withWorld(new WorldTuning(5000, 400, 100, 300)));

    private static MapProbe map;

    @BeforeAll
    static void loadMap() {
        map = MapProbe.defaultOffice(SERVER);
    }

    private static String space(AuthResponse owner) {
        return SERVER.api().createSpace(owner.accessToken(), "Etiquette " + System.nanoTime(), "public").id();
    }

    @Test
    void aLockedRoomRefusesWalkersLetsAKnockerInOnceOpensForTheOwnerAndUnlocksWhenEmpty() {
        AuthResponse fay = SERVER.register("fay");
        AuthResponse ann = SERVER.register("ann");
        AuthResponse bob = SERVER.register("bob");
        AuthResponse dan = SERVER.register("dan");
        String office = space(fay);
        Connection f = SERVER.join(fay, office);
        Connection a = SERVER.join(ann, office);
        Connection b = SERVER.join(bob, office);
        Connection d = SERVER.join(dan, office);
        assertThat(map.walk(a, INSIDE)).isNull();
        assertThat(map.walk(b, DOOR)).isNull();
        assertThat(map.walk(d, BESIDE_DOOR)).isNull();

        // Only someone inside (or an owner or admin) locks a room.
        assertThat(request(b, new EtiquetteCommand.Lock(BOARDROOM, "b-lock")).code()).isEqualTo("not_in_room");
        assertThat(request(a, new EtiquetteCommand.Lock(BOARDROOM, "a-lock"))).isNull();
        var locked = f.await(EtiquetteEvent.RoomLock.class, l -> l.room().equals(BOARDROOM), TIMEOUT);
        assertThat(locked.locked()).isTrue();
        assertThat(locked.byUserId()).isEqualTo(ann.userId());
        b.await(EtiquetteEvent.RoomLock.class, l -> l.room().equals(BOARDROOM) && l.locked(), TIMEOUT);
        assertThat(b.world().snapshot().lockedRooms()).containsExactly(BOARDROOM);
        AuthResponse cat = SERVER.register("cat");
        assertThat(SERVER.join(cat, office).world().snapshot().lockedRooms())
                .as("a newcomer learns it from the welcome").containsExactly(BOARDROOM);

        var refused = map.walk(b, INSIDE);
        assertThat(refused).as("bob walks into the locked room").isNotNull();
        assertThat(refused.reason()).isEqualTo("room_locked");
        assertThat(refused.message()).contains(BOARDROOM);

        // A knock reaches those inside; a second one at once is refused; a decline is told.
        assertThat(request(b, new EtiquetteCommand.Knock(BOARDROOM, null, "b-knock"))).isNull();
        var knock = a.await(EtiquetteEvent.Knock.class, k -> k.knockerId().equals(bob.userId()), TIMEOUT);
        assertThat(knock.room()).isEqualTo(BOARDROOM);
        assertThat(knock.knockerName()).isEqualTo(b.world().snapshot().self().displayName());
        var again = request(b, new EtiquetteCommand.Knock(BOARDROOM, null, "b-knock-2"));
        assertThat(again.code()).isEqualTo("rate_limited");
        assertThat(again.retryAfterMs()).isPositive();
        assertThat(request(a, new EtiquetteCommand.KnockAnswer(bob.userId(), false, "a-no"))).isNull();
        var declined = b.await(EtiquetteEvent.KnockAnswered.class, k -> k.knockerId().equals(bob.userId()), TIMEOUT);
        assertThat(declined.admitted()).isFalse();
        assertThat(declined.byName()).isEqualTo(a.world().snapshot().self().displayName());
        assertThat(request(a, new EtiquetteCommand.KnockAnswer(bob.userId(), true, "a-late")).code())
                .as("an answered knock is gone").isEqualTo("no_knock");
        assertThat(map.walk(b, INSIDE).reason()).isEqualTo("room_locked");

        // Let in: the door opens for dan's next entry, once.
        assertThat(request(d, new EtiquetteCommand.Knock(BOARDROOM, null, "d-knock"))).isNull();
        a.await(EtiquetteEvent.Knock.class, k -> k.knockerId().equals(dan.userId()), TIMEOUT);
        assertThat(request(a, new EtiquetteCommand.KnockAnswer(dan.userId(), true, "a-yes"))).isNull();
        var admitted = d.await(EtiquetteEvent.KnockAnswered.class, k -> k.knockerId().equals(dan.userId()), TIMEOUT);
        assertThat(admitted.admitted()).isTrue();
        assertThat(admitted.passSeconds()).isEqualTo(30);
        assertThat(map.walk(d, INSIDE)).as("dan walks in").isNull();
        assertThat(map.walk(d, BESIDE_DOOR)).isNull();
        assertThat(map.walk(d, INSIDE).reason()).as("the pass was used up").isEqualTo("room_locked");
        assertThat(a.world().snapshot().isLocked(BOARDROOM)).as("ann stayed inside").isTrue();

        // The owner opens it from outside, and may lock it again; someone outside may not unlock.
        assertThat(request(f, new EtiquetteCommand.Unlock(BOARDROOM, "f-unlock"))).isNull();
        var unlocked = b.await(EtiquetteEvent.RoomLock.class, l -> !l.locked(), TIMEOUT);
        assertThat(unlocked.byUserId()).isEqualTo(fay.userId());
        assertThat(request(f, new EtiquetteCommand.Lock(BOARDROOM, "f-lock"))).isNull();
        b.await(EtiquetteEvent.RoomLock.class, l -> l.locked() && fay.userId().equals(l.byUserId()), TIMEOUT);
        assertThat(request(b, new EtiquetteCommand.Unlock(BOARDROOM, "b-unlock")).code()).isEqualTo("not_in_room");

        // The last one out: it unlocks by itself, and everyone is told.
        b.clearInbox();
        assertThat(map.walk(a, DOOR)).isNull();
        var emptied = b.await(EtiquetteEvent.RoomLock.class, l -> !l.locked(), TIMEOUT);
        assertThat(emptied.room()).isEqualTo(BOARDROOM);
        assertThat(emptied.byUserId()).as("nobody unlocked it").isNull();
        assertThat(map.walk(b, INSIDE)).isNull();
    }

    @Test
    void badRequestsGetAnErrorThatSaysWhatIsWrong() {
        AuthResponse gus = SERVER.register("gus");
        String office = space(gus);
        Connection g = SERVER.join(gus, office);
        assertThat(request(g, new EtiquetteCommand.Lock("Broom Cupboard", "l1")).code()).isEqualTo("unknown_room");
        assertThat(request(g, new EtiquetteCommand.Knock("Huddle Room", null, "k1")).code()).isEqualTo("room_not_locked");
        assertThat(request(g, new EtiquetteCommand.Knock(null, "nobody-here", "k2")).code()).isEqualTo("not_present");
        assertThat(request(g, new EtiquetteCommand.KnockAnswer("nobody-here", true, "k3")).code()).isEqualTo("no_knock");
        assertThat(request(g, new EtiquetteCommand.Wave(gus.userId(), "w1")).code()).isEqualTo("bad_request");
        g.sendRaw("{\"type\":\"react\",\"emoji\":\"banana\",\"ref\":\"r1\"}");
        var unknown = g.await(ServerMessage.Error.class, e -> "r1".equals(e.ref()), TIMEOUT);
        assertThat(unknown.code()).isEqualTo("invalid_field");
        assertThat(unknown.field()).isEqualTo("emoji");
        assertThat(unknown.message()).contains("thumbs_up", "coffee");
        g.sendRaw("{\"type\":\"knock\",\"room\":\"Boardroom\",\"userId\":\"x\",\"ref\":\"k4\"}");
        assertThat(g.await(ServerMessage.Error.class, e -> "k4".equals(e.ref()), TIMEOUT).code()).isEqualTo("invalid_field");
        // Before joining a space.
        Connection lone = SERVER.connect(SERVER.register("lone"));
        assertThat(request(lone, new EtiquetteCommand.React("clap", "r2")).code()).isEqualTo("not_in_space");
    }

    @Test
    void aKnockReachesSomeoneInDoNotDisturbOnlyFromBesideThem() {
        AuthResponse hal = SERVER.register("hal");
        AuthResponse ivy = SERVER.register("ivy");
        AuthResponse joe = SERVER.register("joe");
        String office = space(hal);
        Connection h = SERVER.join(hal, office);
        Connection i = SERVER.join(ivy, office);
        Connection j = SERVER.join(joe, office);
        assertThat(map.walk(h, DOOR)).isNull();
        assertThat(map.walk(i, BESIDE_DOOR)).isNull();
        assertThat(request(i, new EtiquetteCommand.Knock(null, hal.userId(), "i1")).code())
                .as("hal is available: no need to knock").isEqualTo("not_do_not_disturb");
        h.send(new ClientMessage.StatusChange(Status.DND, "focus", "dnd"));
        h.await(ServerMessage.Ack.class, ack -> "dnd".equals(ack.ref()), TIMEOUT);
        assertThat(request(j, new EtiquetteCommand.Knock(null, hal.userId(), "j1")).code())
                .as("joe is at the entrance, far away").isEqualTo("not_nearby");
        assertThat(request(i, new EtiquetteCommand.Knock(null, hal.userId(), "i2"))).isNull();
        var knock = h.await(EtiquetteEvent.Knock.class, k -> k.knockerId().equals(ivy.userId()), TIMEOUT);
        assertThat(knock.room()).isNull();
        assertThat(request(h, new EtiquetteCommand.KnockAnswer(ivy.userId(), true, "h1"))).isNull();
        var answered = i.await(EtiquetteEvent.KnockAnswered.class, k -> k.knockerId().equals(ivy.userId()), TIMEOUT);
        assertThat(answered.admitted()).isTrue();
        assertThat(answered.room()).isNull();
        assertThat(answered.byUserId()).isEqualTo(hal.userId());
    }

    @Test
    void wavesReachAnyoneInTheSpaceAndAreLimitedAndReactionsReachOnlyThoseWhoSee() {
        AuthResponse kim = SERVER.register("kim");
        AuthResponse lea = SERVER.register("lea");
        AuthResponse max = SERVER.register("max");
        String office = space(kim);
        Connection k = SERVER.join(kim, office);
        Connection l = SERVER.join(lea, office);
        Connection m = SERVER.join(max, office);
        assertThat(map.walk(k, DOOR)).isNull();
        assertThat(map.walk(l, BESIDE_DOOR)).isNull();
        // Max stays at the entrance, some 700 px away: beyond the 400 px everyone sees.
        List<ServerMessage> maxGot = new CopyOnWriteArrayList<>();
        m.onMessage(maxGot::add);

        assertThat(request(k, new EtiquetteCommand.React("party", "r1"))).isNull();
        var seen = l.await(EtiquetteEvent.Reaction.class, r -> r.userId().equals(kim.userId()), TIMEOUT);
        assertThat(seen.emoji()).isEqualTo("party");
        k.await(EtiquetteEvent.Reaction.class, r -> r.userId().equals(kim.userId()), TIMEOUT);
        assertThat(l.world().snapshot().reactions().get(kim.userId()).emoji()).isEqualTo("party");

        // A wave goes anywhere: after the reaction, from the same space, so max has had it by now if at all.
        assertThat(request(k, new EtiquetteCommand.Wave(max.userId(), "w1"))).isNull();
        var wave = m.await(EtiquetteEvent.Wave.class, w -> w.fromUserId().equals(kim.userId()), TIMEOUT);
        assertThat(wave.fromName()).isEqualTo(k.world().snapshot().self().displayName());
        assertThat(new double[] {wave.x(), wave.y()}).containsExactly(DOOR, org.assertj.core.data.Offset.offset(0.5));
        assertThat(maxGot).as("max is too far to see kim's reaction")
                .noneMatch(msg -> msg instanceof EtiquetteEvent.Reaction);

        var again = request(k, new EtiquetteCommand.Wave(max.userId(), "w2"));
        assertThat(again.code()).as("one wave at the same person per 10 s").isEqualTo("rate_limited");
        assertThat(again.retryAfterMs()).isPositive();
        assertThat(request(k, new EtiquetteCommand.Wave("someone-gone", "w3")).code()).isEqualTo("not_present");

        // Five reactions per 10 s, then a refusal.
        for (int n = 2; n <= 5; n++) {
            assertThat(request(k, new EtiquetteCommand.React("clap", "r" + n))).isNull();
        }
        assertThat(request(k, new EtiquetteCommand.React("clap", "r6")).code()).isEqualTo("rate_limited");
    }

    /** Sends a request and waits for its answer: null for an ack, else the error. */
    private static ServerMessage.Error request(Connection c, ClientMessage message) {
        c.send(message);
        ServerMessage reply = c.await(ServerMessage.class, r -> r instanceof ServerMessage.Ack ack
                && message.ref().equals(ack.ref()) || r instanceof ServerMessage.Error e && message.ref().equals(e.ref()),
                TIMEOUT);
        return reply instanceof ServerMessage.Error e ? e : null;
    }
}
