package io.skyscope.server.cluster;

import static io.skyscope.server.cluster.TwoNodes.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.Connection;
import io.skyscope.client.People;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.FollowingList;
import io.skyscope.protocol.rest.InviteView;
import io.skyscope.protocol.rest.Profile;
import io.skyscope.protocol.rest.SpaceView;
import io.skyscope.server.testing.RedisServer;
import io.skyscope.server.testing.StoreProcess;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Following across two server nodes sharing a real Redis and a store process: the follower is
 * connected to node A, the person they follow to node B, whose space node B owns. The alerts, the
 * Following list's position (asked of the owner on the other node) and a photo changed through
 * node A while its owner's connection is on node B all cross between the nodes.
 */
class FollowAcrossNodesTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    @RegisterExtension
    static final StoreProcess STORE = new StoreProcess();

    private static TwoNodes nodes;

    @BeforeAll
    static void startNodes() {
        nodes = new TwoNodes(REDIS, STORE).start();
    }

    @AfterAll
    static void stopNodes() {
        nodes.close();
    }

    @Test
    void alertsTheFollowingListAndAPhotoChangeCrossBetweenNodes() throws Exception {
        AuthResponse bob = nodes.register(nodes.apiB(), "bob");
        AuthResponse alice = nodes.register(nodes.apiA(), "alice");
        String space = nodes.apiB().createSpace(bob.accessToken(), "Across " + UUID.randomUUID(), "private").id();
        InviteView invite = nodes.apiB().send("POST", "api/v1/spaces/" + space + "/invites", bob.accessToken(), null,
                InviteView.class);
        nodes.apiA().send("POST", "api/v1/invites/" + invite.code() + "/accept", alice.accessToken(), null,
                SpaceView.class);
        People alices = new People(nodes.apiA(), alice::accessToken);
        alices.follow(bob.userId());
        assertThat(new People(nodes.apiB(), bob::accessToken).card(bob.userId()).followers()).isEqualTo(1);

        Connection watching = Connection.open(nodes.http(), nodes.apiA().webSocketUri(alice.accessToken()), TIMEOUT);
        List<ChatEvent.Notification> alerts = new CopyOnWriteArrayList<>();
        watching.onMessage(m -> People.alert(m).ifPresent(alerts::add));
        try {
            Connection b = nodes.join(nodes.apiB(), bob, space); // node B owns the space
            await().atMost(TIMEOUT).until(() -> alerts.stream().anyMatch(n -> n.kind().equals(People.ONLINE)
                    && n.fromUserId().equals(bob.userId())));
            await().atMost(TIMEOUT).until(() -> alerts.stream().anyMatch(n -> n.kind().equals(People.ENTERED)
                    && space.equals(n.spaceId())));

            Person me = b.world().snapshot().self();
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(alices.following().people()).singleElement()
                    .satisfies(p -> {
                        assertThat(p.online()).isTrue();
                        assertThat(p.spaceId()).isEqualTo(space);
                        assertThat(p.x()).isEqualTo(me.x());
                        assertThat(p.y()).isEqualTo(me.y());
                    }));

            // Alice stands in the space through node A; Bob changes his photo through node A too.
            Connection a = nodes.join(nodes.apiA(), alice, space);
            await().atMost(TIMEOUT).until(() -> a.world().snapshot().person(bob.userId()) != null);
            var image = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
            var png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            Profile withPhoto = nodes.apiA().uploadPhoto(bob.accessToken(), png.toByteArray(), "image/png");
            await().atMost(TIMEOUT).until(() -> withPhoto.photo().equals(a.world().snapshot().person(bob.userId()).photo()));

            // Bob goes: offline in the list on node A.
            b.close();
            await().atMost(TIMEOUT).until(() -> !alices.following().people().getFirst().online());
            assertThat(alices.following().people()).extracting(FollowingList.Followed::spaceId).containsOnlyNulls();
        } finally {
            watching.abort();
            nodes.closeConnections();
        }
    }
}
