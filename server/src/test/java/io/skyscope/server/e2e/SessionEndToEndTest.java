package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.ApiError;
import io.skyscope.client.ChatApi;
import io.skyscope.client.Session;
import io.skyscope.client.Walker;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.space.SpaceService;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client library's {@link Session} against the real server: it registers or logs in, keeps
 * the map, people and chat in its world snapshot, and survives a dropped connection and a server
 * restart, coming back to where it stood and delivering the chat it could not send meanwhile.
 */
class SessionEndToEndTest {
    private static final String OFFICE = SpaceService.DEFAULT_SPACE_ID;
    /** A fixed port, so that the restarted server is where the session left it. */
    private static final int PORT = freePort();
    private static final Session.Options FAST = new Session.Options(Duration.ofSeconds(10), Duration.ofMillis(100),
            Duration.ofMillis(800));

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c.withPort(PORT)
            .withWorld(new WorldTuning(2000, 1200, 100, 300)));

    @Test
    void registersIfNeededThenLogsInAndKeepsMapPeopleAndChat() {
        var credentials = new Session.Credentials("zed" + System.nanoTime() % 100_000, "violet harbor lantern", "Zed");
        try (var zed = Session.open(SERVER.api(), credentials, OFFICE, FAST)) {
            assertThat(zed.snapshot().self().displayName()).isEqualTo("Zed");
            await().atMost(TIMEOUT).until(() -> zed.snapshot().map() != null);
            assertThat(zed.snapshot().map().path("layers").isArray()).isTrue();
        }
        try (var again = Session.open(SERVER.api(), credentials, OFFICE, FAST)) {
            assertThat(again.userId()).isNotNull();
        }
        var wrong = new Session.Credentials(credentials.username(), "not the password", "Zed");
        try {
            Session.open(SERVER.api(), wrong, OFFICE, FAST).close();
            throw new AssertionError("a wrong password must not sign in");
        } catch (ApiError e) {
            assertThat(e.status()).isEqualTo(401);
        }
        try (var amy = session("amy"); var bob = session("bob")) {
            await().atMost(TIMEOUT).until(() -> amy.snapshot().person(bob.userId()) != null);
            String id = bob.say("space", "hello from bob");
            await().atMost(TIMEOUT).until(() -> bob.outbox().size() == 0);
            await().atMost(TIMEOUT).until(() -> amy.snapshot().chat().stream()
                    .anyMatch(m -> m.text().equals("hello from bob")));
            assertThat(id).hasSizeGreaterThanOrEqualTo(8);
        }
    }

    @Test
    void aDroppedConnectionIsRestoredWhereTheUserStood() {
        try (var cal = session("cal")) {
            var states = new CopyOnWriteArrayList<Session.State>();
            cal.onState(states::add);
            double[] spot = stepAway(cal);
            cal.dropConnection();
            await().atMost(TIMEOUT).until(() -> cal.reconnects() == 1 && cal.state() == Session.State.ONLINE);
            assertThat(states).containsSubsequence(Session.State.RECONNECTING, Session.State.ONLINE);
            assertThat(cal.snapshot().self().x()).isCloseTo(spot[0], org.assertj.core.data.Offset.offset(1.0));
            assertThat(cal.snapshot().self().y()).isCloseTo(spot[1], org.assertj.core.data.Offset.offset(1.0));
        }
    }

    @Test
    void afterAServerRestartTheSessionWalksBackAndDeliversTheChatItCouldNotSend() {
        try (var dee = session("dee"); var eve = session("eve")) {
            double[] spot = stepAway(dee);

            SERVER.stop();
            await().atMost(TIMEOUT).until(() -> dee.state() == Session.State.RECONNECTING);
            String pending = dee.say("space", "written while the server was down");
            assertThat(dee.outbox().size()).isEqualTo(1);
            SERVER.start();

            await().atMost(Duration.ofSeconds(20)).until(() -> dee.state() == Session.State.ONLINE
                    && eve.state() == Session.State.ONLINE);
            await().atMost(TIMEOUT).until(() -> dee.outbox().size() == 0);
            // The restarted server forgot where Dee stood; the session walked her back.
            await().atMost(TIMEOUT).until(() -> Math.hypot(dee.snapshot().self().x() - spot[0],
                    dee.snapshot().self().y() - spot[1]) < 1);
            // Stored once, under the clientMessageId the session kept.
            var history = new ChatApi(SERVER.api()).spaceMessages(eve.auth().accessToken(), OFFICE, "space", null, 50);
            assertThat(history.messages()).filteredOn(m -> m.text().equals("written while the server was down"))
                    .hasSize(1);
            assertThat(pending).isNotBlank();
        }
    }

    private static Session session(String prefix) {
        var user = SERVER.register(prefix);
        return Session.open(SERVER.api(), new Session.Credentials(user.username(), "violet harbor lantern " + user.username(),
                null), OFFICE, FAST);
    }

    /** Walks 64 px in a free direction and returns where the user now stands. */
    private static double[] stepAway(Session s) {
        var me = s.snapshot().self();
        String tmj = SERVER.api().send("GET", "api/v1/maps/" + SpaceService.DEFAULT_MAP_ID + "?version=1",
                s.auth().accessToken(), null, String.class);
        double[] to = new MapProbe(tmj).freeStep(me.x(), me.y(), 64);
        assertThat(Walker.walk(s, to[0], to[1])).as("walked to %s,%s", to[0], to[1]).isTrue();
        // The server has the last step once a later request is answered.
        s.send(new io.skyscope.protocol.ClientMessage.Ping("after-walk"));
        s.await(ServerMessage.Pong.class, p -> "after-walk".equals(p.ref()), TIMEOUT);
        return to;
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
