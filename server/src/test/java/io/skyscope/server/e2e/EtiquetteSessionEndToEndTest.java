package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.EtiquetteEndToEndTest.BOARDROOM;
import static io.skyscope.server.e2e.EtiquetteEndToEndTest.DOOR;
import static io.skyscope.server.e2e.EtiquetteEndToEndTest.INSIDE;
import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.GridTerrain;
import io.skyscope.client.Session;
import io.skyscope.client.Walker;
import io.skyscope.map.MapArea;
import io.skyscope.protocol.EtiquetteEvent;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Office etiquette through the client library's {@link Session} on the default office: its path
 * finder treats a meeting room locked to me as a wall, opens it for the one entry a let-in gives,
 * and again once the room unlocked itself; "walk to them" after a wave takes me to the waver
 * around the walls. The server's side of each step (refusals, limits, who is told) is covered by
 * {@link EtiquetteEndToEndTest}; this follows what the client knows and does.
 */
class EtiquetteSessionEndToEndTest {
    /** In the Boardroom's far corner, beyond its table from the door. */
    private static final double[] FAR_INSIDE = {1380, 900};
    private static final Session.Options FAST = new Session.Options(Duration.ofSeconds(10), Duration.ofMillis(100),
            Duration.ofMillis(800));

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c.withWorld(new WorldTuning(2000, 400, 100, 300)));

    private static MapArea boardroom;

    @BeforeAll
    static void loadMap() {
        boardroom = MapProbe.defaultOffice(SERVER).map().areas().stream().filter(a -> a.name().equals(BOARDROOM)).findFirst().orElseThrow();
    }

    @Test
    void aLockedRoomIsAWallToThePathFinderUntilAKnockLetsMeInOnceOrItEmpties() {
        String office = space("fay");
        try (Session ann = session("ann", office); Session bob = session("bob", office)) {
            assertThat(ann.etiquette().walkTo(INSIDE[0], INSIDE[1])).isTrue();
            assertThat(bob.etiquette().walkTo(DOOR[0], DOOR[1])).isTrue();
            assertThat(path(bob, INSIDE).getLast()).as("an open room is walked into")
                    .isEqualTo(new Walker.Point(INSIDE[0], INSIDE[1]));

            assertThat(ann.etiquette().awaitReply(ann.etiquette().lock(BOARDROOM), TIMEOUT)).isNull();
            await().atMost(TIMEOUT).until(() -> bob.snapshot().isLocked(BOARDROOM));
            assertThat(path(bob, INSIDE)).as("bob's way stops outside the locked room").isNotEmpty()
                    .noneMatch(p -> boardroom.contains(p.x(), p.y()));
            assertThat(path(ann, FAR_INSIDE).getLast()).as("ann, inside, walks about in it")
                    .isEqualTo(new Walker.Point(FAR_INSIDE[0], FAR_INSIDE[1]));
            Walker.walk(bob, INSIDE[0], INSIDE[1]);
            var refused = bob.await(ServerMessage.Correction.class, c -> "room_locked".equals(c.reason()), TIMEOUT);
            assertThat(boardroom.contains(refused.x(), refused.y())).as("a straight walk in is stopped").isFalse();
            await().atMost(TIMEOUT).until(() -> bob.snapshot().self().x() == refused.x()
                    && bob.snapshot().self().y() == refused.y());

            // A knock, a let-in: the way opens for one entry.
            assertThat(bob.etiquette().awaitReply(bob.etiquette().knockOnRoom(BOARDROOM), TIMEOUT)).isNull();
            var knock = ann.await(EtiquetteEvent.Knock.class, k -> k.knockerId().equals(bob.userId()), TIMEOUT);
            assertThat(ann.etiquette().awaitReply(ann.etiquette().answer(knock.knockerId(), true), TIMEOUT)).isNull();
            bob.await(EtiquetteEvent.KnockAnswered.class, a -> a.admitted(), TIMEOUT);
            await().atMost(TIMEOUT).until(() -> path(bob, INSIDE).getLast().equals(new Walker.Point(INSIDE[0], INSIDE[1])));
            assertThat(bob.etiquette().walkTo(INSIDE[0], INSIDE[1])).as("bob walks in along the path").isTrue();
            await().atMost(TIMEOUT).until(() -> boardroom.contains(bob.snapshot().self().x(), bob.snapshot().self().y()));
            assertThat(bob.etiquette().walkTo(DOOR[0], DOOR[1])).as("and out again").isTrue();
            assertThat(path(bob, INSIDE)).as("the pass is spent").noneMatch(p -> boardroom.contains(p.x(), p.y()));

            // The last one out: the room unlocks by itself and the way is open again.
            assertThat(ann.etiquette().walkTo(DOOR[0] - 64, DOOR[1])).isTrue();
            await().atMost(TIMEOUT).until(() -> !bob.snapshot().isLocked(BOARDROOM));
            assertThat(bob.etiquette().walkTo(INSIDE[0], INSIDE[1])).isTrue();
        }
    }

    @Test
    void aWaveIsAnsweredByWalkingToTheWaverAroundTheWalls() {
        String office = space("kim");
        try (Session kim = session("kim", office); Session max = session("max", office)) {
            assertThat(kim.etiquette().walkTo(FAR_INSIDE[0], FAR_INSIDE[1])).isTrue();
            double[] start = {max.snapshot().self().x(), max.snapshot().self().y()};
            assertThat(path(max, FAR_INSIDE)).as("the way from the entrance bends around walls").hasSizeGreaterThan(1);

            assertThat(kim.etiquette().awaitReply(kim.etiquette().wave(max.userId()), TIMEOUT)).isNull();
            var wave = max.await(EtiquetteEvent.Wave.class, w -> w.fromUserId().equals(kim.userId()), TIMEOUT);
            assertThat(wave.area()).isEqualTo(BOARDROOM);
            assertThat(max.etiquette().walkTo(wave)).isTrue();
            await().atMost(TIMEOUT).untilAsserted(() -> {
                var me = max.snapshot().self();
                assertThat(Math.hypot(me.x() - FAR_INSIDE[0], me.y() - FAR_INSIDE[1])).as("max is beside kim").isLessThan(1);
                assertThat(Math.hypot(me.x() - start[0], me.y() - start[1])).isGreaterThan(100);
            });
        }
    }

    private static List<Walker.Point> path(Session s, double[] to) {
        await().atMost(TIMEOUT).until(() -> s.etiquette().terrain().isPresent());
        GridTerrain terrain = s.etiquette().terrain().orElseThrow();
        var me = s.snapshot().self();
        return terrain.path(me.x(), me.y(), to[0], to[1]);
    }

    private static String space(String owner) {
        AuthResponse fay = SERVER.register(owner);
        return SERVER.api().createSpace(fay.accessToken(), "Etiquette " + System.nanoTime(), "public").id();
    }

    private static Session session(String prefix, String spaceId) {
        return SERVER.session(prefix, spaceId, FAST);
    }
}
