package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyscope.client.ApiError;
import io.skyscope.client.Connection;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.CloseCodes;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.ServerMessage.PresenceUpdate;
import io.skyscope.protocol.Status;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.ProfileUpdate;
import io.skyscope.server.space.SpaceService;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Accounts, joining, seeing each other, moving, walls, status and reconnects over real sockets. */
class WorldEndToEndTest {
    private static final String OFFICE = SpaceService.DEFAULT_SPACE_ID;

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    @Test
    void twoPeopleJoinTheOfficeAndSeeEachOther() {
        AuthResponse ana = SERVER.register("ana");
        AuthResponse ben = SERVER.register("ben");
        AuthResponse anaAgain = SERVER.api().login(ana.username(), "violet harbor lantern " + ana.username());
        assertThat(anaAgain.userId()).isEqualTo(ana.userId());

        Connection a = SERVER.connect(anaAgain);
        a.send(new ClientMessage.Join(OFFICE, "j1"));
        var welcomeA = a.await(ServerMessage.Welcome.class, TIMEOUT);
        assertThat(welcomeA.ref()).isEqualTo("j1");
        assertThat(welcomeA.you().userId()).isEqualTo(ana.userId());
        assertThat(welcomeA.space().id()).isEqualTo(OFFICE);
        assertThat(welcomeA.space().mapId()).isEqualTo(SpaceService.DEFAULT_MAP_ID);
        assertThat(welcomeA.space().mapVersion()).isEqualTo(1);

        Connection b = SERVER.join(ben, OFFICE);
        assertThat(b.world().snapshot().people()).containsKeys(ana.userId(), ben.userId());
        var joined = a.await(PresenceUpdate.class,
                p -> p.joined().stream().anyMatch(person -> person.userId().equals(ben.userId())), TIMEOUT);
        Person benSeen = joined.joined().stream().filter(p -> p.userId().equals(ben.userId())).findFirst().orElseThrow();
        assertThat(benSeen.displayName()).isEqualTo(ben.username().replaceAll("\\d+$", "") + " "
                + ben.username().replaceAll("^\\D+", ""));

        b.close();
        a.await(PresenceUpdate.class, p -> p.left().contains(ben.userId()), TIMEOUT);
        assertThat(a.world().snapshot().people()).doesNotContainKey(ben.userId());
    }

    @Test
    void aMoveReachesOthersAndAWallGetsACorrection() {
        AuthResponse cat = SERVER.register("cat");
        AuthResponse dan = SERVER.register("dan");
        Connection c = SERVER.join(cat, OFFICE);
        Connection d = SERVER.join(dan, OFFICE);
        Person me = c.world().snapshot().self();
        var probe = new MapProbe(SERVER.api().send("GET", "api/v1/maps/" + SpaceService.DEFAULT_MAP_ID + "?version=1",
                cat.accessToken(), null, String.class));

        double[] step = probe.freeStep(me.x(), me.y(), 24);
        c.move(step[0], step[1]);
        d.await(PresenceUpdate.class, p -> p.moved().stream().anyMatch(m -> m.userId().equals(cat.userId())
                && m.x() == step[0] && m.y() == step[1]), TIMEOUT);
        assertThat(d.world().snapshot().person(cat.userId()).x()).isEqualTo(step[0]);

        double[] wall = probe.wallWithin(step[0], step[1], 150);
        long seq = c.move(wall[0], wall[1]);
        var correction = c.await(ServerMessage.Correction.class, TIMEOUT);
        assertThat(correction.seq()).isEqualTo(seq);
        assertThat(correction.reason()).isEqualTo("wall");
        assertThat(correction.message()).isNotBlank();
        assertThat(new double[] {correction.x(), correction.y()}).containsExactly(step[0], step[1]);
        assertThat(c.world().snapshot().self().x()).isEqualTo(step[0]);

        long far = c.move(Math.min(step[0] + 1500, probe.map().pixelWidth() - 1), step[1]);
        var tooFast = c.await(ServerMessage.Correction.class, TIMEOUT);
        assertThat(tooFast.seq()).isEqualTo(far);
        assertThat(tooFast.reason()).isIn("too_fast", "wall");

        long outside = c.move(probe.map().pixelWidth() + 50, step[1]);
        var out = c.await(ServerMessage.Correction.class, TIMEOUT);
        assertThat(out.seq()).isEqualTo(outside);
        assertThat(out.reason()).isEqualTo("out_of_bounds");
    }

    @Test
    void statusChangesReachOthersOverWebSocketAndRest() {
        AuthResponse eve = SERVER.register("eve");
        AuthResponse fay = SERVER.register("fay");
        Connection e = SERVER.join(eve, OFFICE);
        Connection f = SERVER.join(fay, OFFICE);

        e.send(new ClientMessage.StatusChange(Status.BUSY, "in a call", "s1"));
        assertThat(e.await(ServerMessage.Ack.class, a -> "s1".equals(a.ref()), TIMEOUT).of()).isEqualTo("status");
        f.await(PresenceUpdate.class, p -> p.changed().stream().anyMatch(ch -> ch.userId().equals(eve.userId())
                && ch.status() == Status.BUSY && "in a call".equals(ch.statusText())), TIMEOUT);
        assertThat(f.world().snapshot().person(eve.userId()).status()).isEqualTo(Status.BUSY);
        assertThat(SERVER.api().me(eve.accessToken()).status()).isEqualTo(Status.BUSY);

        SERVER.api().updateProfile(eve.accessToken(), new ProfileUpdate("Eve Renamed", null, Status.DND, "focus"));
        f.await(PresenceUpdate.class, p -> p.changed().stream().anyMatch(ch -> ch.userId().equals(eve.userId())
                && "Eve Renamed".equals(ch.displayName()) && ch.status() == Status.DND), TIMEOUT);
    }

    @Test
    void connectingAgainReplacesTheOldConnectionAndKeepsThePlace() throws Exception {
        AuthResponse gus = SERVER.register("gus");
        AuthResponse hal = SERVER.register("hal");
        Connection first = SERVER.join(gus, OFFICE);
        Connection other = SERVER.join(hal, OFFICE);
        var probe = new MapProbe(SERVER.api().send("GET", "api/v1/maps/" + SpaceService.DEFAULT_MAP_ID,
                gus.accessToken(), null, String.class));
        Person start = first.world().snapshot().self();
        double[] step = probe.freeStep(start.x(), start.y(), 20);
        first.move(step[0], step[1]);
        other.await(PresenceUpdate.class, p -> p.moved().stream().anyMatch(m -> m.userId().equals(gus.userId())), TIMEOUT);

        Connection second = SERVER.connect(gus);
        var closed = first.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(closed.code()).isEqualTo(CloseCodes.REPLACED);
        assertThat(first.await(ServerMessage.Error.class, TIMEOUT).code()).isEqualTo("replaced");

        second.send(new ClientMessage.Join(OFFICE, null));
        var welcome = second.await(ServerMessage.Welcome.class, TIMEOUT);
        assertThat(welcome.you().x()).isEqualTo(step[0]);
        assertThat(welcome.you().y()).isEqualTo(step[1]);
        second.send(new ClientMessage.Ping("still-here"));
        second.await(ServerMessage.Pong.class, p -> "still-here".equals(p.ref()), TIMEOUT);
        // The old connection's leave and the new join race; either way gus ends up present.
        Awaitility.await().atMost(TIMEOUT).until(() -> other.world().snapshot().people().containsKey(gus.userId()));
    }

    @Test
    void theWebSocketNeedsAValidToken() {
        for (String uri : new String[] {"ws/", "ws?token=not-a-jwt"}) {
            URI ws = URI.create(SERVER.base().toString().replace("http", "ws") + uri);
            assertThatThrownBy(() -> SERVER.http().newWebSocketBuilder().buildAsync(ws, new WebSocket.Listener() { })
                    .join())
                    .isInstanceOf(CompletionException.class)
                    .rootCause().hasMessageContaining("401");
        }
        AuthResponse ivy = SERVER.register("ivy");
        var headerAuth = SERVER.http().newWebSocketBuilder().header("Authorization", "Bearer " + ivy.accessToken())
                .buildAsync(URI.create(SERVER.base().toString().replace("http", "ws") + "ws"),
                        new WebSocket.Listener() { }).join();
        headerAuth.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void badFramesGetAnErrorAndTheConnectionStaysUp() {
        Connection c = SERVER.connect(SERVER.register("jon"));
        c.sendRaw("{\"type\":\"move\",\"x\":\"far\",\"y\":1,\"seq\":1,\"ref\":\"m1\"}");
        var error = c.await(ServerMessage.Error.class, TIMEOUT);
        assertThat(error.code()).isEqualTo("invalid_field");
        assertThat(error.field()).isEqualTo("x");
        assertThat(error.ref()).isEqualTo("m1");

        c.sendRaw("{\"type\":\"move\",\"x\":1,\"y\":1,\"seq\":1,\"ref\":\"m2\"}");
        var notJoined = c.await(ServerMessage.Error.class, TIMEOUT);
        assertThat(notJoined.code()).isEqualTo("not_in_space");
        assertThat(notJoined.ref()).isEqualTo("m2");

        c.send(new ClientMessage.Join("no-such-space", "j"));
        assertThat(c.await(ServerMessage.Error.class, TIMEOUT).code()).isEqualTo("not_found");

        c.send(new ClientMessage.Ping("alive"));
        c.await(ServerMessage.Pong.class, TIMEOUT);
        assertThat(c.isOpen()).isTrue();
    }

    @Test
    void anUnsupportedProtocolVersionIsRefusedNamingTheSupportedOnes() throws Exception {
        AuthResponse kim = SERVER.register("kim");
        URI uri = URI.create(SERVER.api().webSocketUri(kim.accessToken()) + "&protocol=99");
        Connection c = Connection.open(SERVER.http(), uri, TIMEOUT);
        var error = c.await(ServerMessage.Error.class, TIMEOUT);
        assertThat(error.code()).isEqualTo("unsupported_protocol");
        assertThat(error.message()).contains("1").contains("99");
        assertThat(c.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.UNSUPPORTED_PROTOCOL);
    }

    @Test
    void aFloodIsRateLimitedThenDisconnectedWithoutHurtingOthers() throws Exception {
        AuthResponse lee = SERVER.register("lee");
        AuthResponse max = SERVER.register("max");
        Connection calm = SERVER.join(max, OFFICE);
        Connection flood = SERVER.connect(lee);
        for (int i = 0; i < 400; i++) {
            flood.send(new ClientMessage.Ping("p" + i));
        }
        var limited = flood.await(ServerMessage.Error.class, e -> e.code().equals("rate_limited"), TIMEOUT);
        assertThat(limited.retryAfterMs()).isPositive();
        assertThat(flood.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.FLOODING);

        calm.send(new ClientMessage.Ping("calm"));
        calm.await(ServerMessage.Pong.class, p -> "calm".equals(p.ref()), TIMEOUT);
    }

    @Test
    void healthAndMetricsAreServed() throws Exception {
        var health = SERVER.http().send(HttpRequest.newBuilder(SERVER.base().resolve("health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"up\"").contains("embedded").contains("in-process");
        var metrics = SERVER.http().send(HttpRequest.newBuilder(SERVER.base().resolve("metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("skyscope_ws_connections").contains("skyscope_move_latency")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void wrongPasswordIsRefused() {
        AuthResponse ned = SERVER.register("ned");
        assertThatThrownBy(() -> SERVER.api().login(ned.username(), "wrong password!"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(401));
    }
}
