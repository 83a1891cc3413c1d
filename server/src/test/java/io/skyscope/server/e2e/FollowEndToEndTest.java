package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.EtiquetteEndToEndTest.BOARDROOM;
import static io.skyscope.server.e2e.EtiquetteEndToEndTest.INSIDE;
import static io.skyscope.server.e2e.Refusals.assertRefused;
import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.Connection;
import io.skyscope.client.People;
import io.skyscope.client.Session;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.FollowingList;
import io.skyscope.protocol.rest.NotificationList;
import io.skyscope.protocol.rest.Profile;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Following people over real HTTP and WebSocket connections: the follow figures on a card, alerts
 * when someone followed comes online or enters a space (debounced, and never naming a space the
 * follower may not see), the Following list with space, area and position, turning being followed
 * off, the refusals, and a profile photo change reaching a neighbour live.
 */
class FollowEndToEndTest {
    private static final Session.Options FAST = new Session.Options(Duration.ofSeconds(10), Duration.ofMillis(100),
            Duration.ofMillis(800));

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c.withWorld(new WorldTuning(2000, 400, 100, 300)));

    @Test
    void aFollowerIsToldOnceWhenTheFollowedComesOnlineAndWhenTheyEnterASpace() {
        AuthResponse ana = SERVER.register("ana");
        AuthResponse ben = SERVER.register("ben");
        String shared = shareASpace(ben, ana);
        People anas = people(ana);

        anas.follow(ben.userId());
        anas.follow(ben.userId()); // again: still one follow

        var card = anas.card(ben.userId());
        assertThat(card.followers()).isEqualTo(1);
        assertThat(card.following()).isZero();
        assertThat(card.followedByYou()).isTrue();
        assertThat(card.followable()).isTrue();
        assertThat(people(ben).card(ana.userId()).following()).isEqualTo(1);
        assertThat(people(ben).card(ana.userId()).followedByYou()).isFalse();
        assertThat(anas.following().people()).singleElement()
                .satisfies(p -> assertThat(p.online()).isFalse());

        List<ChatEvent.Notification> alerts = alerts(SERVER.connect(ana));
        Connection bens = SERVER.connect(ben);
        var online = alertIn(alerts, People.ONLINE, ben.userId());
        assertThat(online.spaceId()).isNull();
        assertThat(online.fromName()).isEqualTo(SERVER.api().me(ben.accessToken()).displayName());
        bens.send(new ClientMessage.Join(shared, "j1"));
        bens.await(ServerMessage.Welcome.class, TIMEOUT);
        var entered = alertIn(alerts, People.ENTERED, ben.userId());
        assertThat(entered.spaceId()).isEqualTo(shared);

        // A flapping connection: gone, back, and into another space; no second "came online".
        bens.close();
        await().atMost(TIMEOUT).until(() -> !anas.following().people().getFirst().online());
        Connection again = SERVER.connect(ben);
        String other = SERVER.api().createSpace(ben.accessToken(), "Lobby " + UUID.randomUUID(), "public").id();
        again.send(new ClientMessage.Join(other, "j2"));
        await().atMost(TIMEOUT).until(() -> alerts.stream().anyMatch(n -> other.equals(n.spaceId())));
        assertThat(alerts).filteredOn(n -> n.kind().equals(People.ONLINE)).hasSize(1);

        // Kept for reading later, with the other notifications.
        NotificationList stored = SERVER.api().send("GET", "api/v1/notifications", ana.accessToken(), null,
                NotificationList.class);
        assertThat(stored.notifications()).extracting(n -> n.kind())
                .containsExactly(People.ENTERED, People.ENTERED, People.ONLINE);

        // Unfollowed: nothing more.
        anas.unfollow(ben.userId());
        assertThat(anas.card(ben.userId()).followers()).isZero();
        assertThat(anas.following().people()).isEmpty();
    }

    @Test
    void anEntryIntoASpaceTheFollowerMayNotSeeIsNeverNamed() {
        AuthResponse cal = SERVER.register("cal");
        AuthResponse dan = SERVER.register("dan");
        String shared = shareASpace(cal, dan);
        String secret = SERVER.api().createSpace(cal.accessToken(), "Secret " + UUID.randomUUID(), "private").id();
        People dans = people(dan);
        dans.follow(cal.userId());
        List<ChatEvent.Notification> alerts = alerts(SERVER.connect(dan));

        Connection cals = SERVER.join(cal, secret);
        alertIn(alerts, People.ONLINE, cal.userId());
        // Online, and nowhere dan may see.
        await().atMost(TIMEOUT).until(() -> dans.following().people().getFirst().online());
        FollowingList.Followed inSecret = dans.following().people().getFirst();
        assertThat(inSecret.spaceId()).isNull();
        assertThat(inSecret.spaceName()).isNull();
        assertThat(inSecret.area()).isNull();
        assertThat(inSecret.x()).isNull();

        // Alerts go out in order: the entry dan may see comes after whatever the secret one caused.
        cals.send(new ClientMessage.Join(shared, "j"));
        alertIn(alerts, People.ENTERED, cal.userId());
        assertThat(alerts).noneMatch(n -> secret.equals(n.spaceId()))
                .noneMatch(n -> n.preview() != null && n.preview().contains("Secret"));
        NotificationList stored = SERVER.api().send("GET", "api/v1/notifications", dan.accessToken(), null,
                NotificationList.class);
        assertThat(stored.notifications()).noneMatch(n -> secret.equals(n.spaceId()));
    }

    @Test
    void theFollowingListShowsTheSpaceTheAreaAndWhereTheyStand() {
        AuthResponse owner = SERVER.register("own");
        String office = SERVER.api().createSpace(owner.accessToken(), "Office " + UUID.randomUUID(), "public").id();
        try (Session eve = session("eve", office); Session fay = session("fay", office)) {
            eve.people().follow(fay.userId());
            assertThat(fay.etiquette().walkTo(INSIDE[0], INSIDE[1])).isTrue();
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(eve.people().following().people()).singleElement()
                    .satisfies(p -> {
                        assertThat(p.online()).isTrue();
                        assertThat(p.spaceId()).isEqualTo(office);
                        assertThat(p.spaceName()).startsWith("Office ");
                        assertThat(p.area()).isEqualTo(BOARDROOM);
                        assertThat(p.x()).isCloseTo(INSIDE[0], within(1.0));
                        assertThat(p.y()).isCloseTo(INSIDE[1], within(1.0));
                    }));
            assertThat(fay.people().card(fay.userId()).followers()).isEqualTo(1);
        }
    }

    @Test
    void someoneWhoTurnedOffBeingFollowedLosesTheirFollowersAndIsRefused() {
        AuthResponse gil = SERVER.register("gil");
        AuthResponse hal = SERVER.register("hal");
        AuthResponse ivy = SERVER.register("ivy");
        shareASpace(gil, hal);
        shareASpace(ivy, hal);
        People hals = people(hal);
        hals.follow(gil.userId());
        hals.follow(ivy.userId());

        assertThat(people(gil).setFollowable(false)).isFalse();
        assertThat(people(gil).followable()).isFalse();
        assertThat(hals.card(gil.userId()).followers()).isZero();
        assertThat(hals.card(gil.userId()).followable()).isFalse();
        assertThat(hals.following().people()).extracting(FollowingList.Followed::userId).containsExactly(ivy.userId());
        assertRefused(() -> hals.follow(gil.userId()), 403, "not_followable");

        // No alert about gil; ivy's, which comes after it, arrives.
        List<ChatEvent.Notification> alerts = alerts(SERVER.connect(hal));
        SERVER.connect(gil);
        // Once gil's connection is on record, its alert (if any) is handled before ivy's.
        var whereabouts = SERVER.server().store().database().getCollection("whereabouts");
        await().atMost(TIMEOUT).until(() -> whereabouts.countDocuments(new org.bson.Document("_id", gil.userId())) == 1);
        SERVER.connect(ivy);
        alertIn(alerts, People.ONLINE, ivy.userId());
        assertThat(alerts).noneMatch(n -> gil.userId().equals(n.fromUserId()));

        // On again: may be followed again (the old followers are not back).
        people(gil).setFollowable(true);
        assertThat(hals.card(gil.userId()).followers()).isZero();
        hals.follow(gil.userId());
        assertThat(hals.card(gil.userId()).followers()).isEqualTo(1);
    }

    @Test
    void someoneWhoNoLongerSharesASpaceWithTheFollowerDropsOutOfAlertsAndList() {
        AuthResponse pat = SERVER.register("pat");
        AuthResponse quin = SERVER.register("quin");
        AuthResponse rex = SERVER.register("rex");
        String quins = SERVER.shareASpace(quin, pat);
        SERVER.shareASpace(rex, pat);
        People pats = people(pat);
        pats.follow(quin.userId());
        pats.follow(rex.userId());
        SERVER.api().send("DELETE", "api/v1/spaces/" + quins + "/members/" + pat.userId(), quin.accessToken(), null,
                Void.class);

        assertThat(pats.following().people()).extracting(FollowingList.Followed::userId).containsExactly(rex.userId());
        List<ChatEvent.Notification> alerts = alerts(SERVER.connect(pat));
        SERVER.connect(quin);
        var whereabouts = SERVER.server().store().database().getCollection("whereabouts");
        await().atMost(TIMEOUT).until(() -> whereabouts.countDocuments(new org.bson.Document("_id", quin.userId())) == 1);
        SERVER.connect(rex);
        alertIn(alerts, People.ONLINE, rex.userId());
        assertThat(alerts).noneMatch(n -> quin.userId().equals(n.fromUserId()));
    }

    @Test
    void followingIsRefusedForYourselfAndForStrangers() {
        AuthResponse jan = SERVER.register("jan");
        AuthResponse kit = SERVER.register("kit");
        People jans = people(jan);
        assertRefused(() -> jans.follow(jan.userId()), 400, "invalid_field");
        assertRefused(() -> jans.follow(kit.userId()), 404, "not_found");
        assertRefused(() -> jans.follow(UUID.randomUUID().toString()), 404, "not_found");
        assertThat(people(kit).card(kit.userId()).followers()).isZero();
    }

    @Test
    void aDeletedAccountLeavesNoFollowBehind() {
        AuthResponse jon = SERVER.register("jon");
        AuthResponse kay = SERVER.register("kay");
        SERVER.shareASpace(jon, kay);
        people(jon).follow(kay.userId());
        people(kay).follow(jon.userId());
        assertThat(people(jon).card(jon.userId()).following()).isEqualTo(1);

        SERVER.api().send("DELETE", "api/v1/me", kay.accessToken(),
                new io.skyscope.protocol.rest.AccountDeletion("violet harbor lantern " + kay.username()), Void.class);

        await().atMost(TIMEOUT).until(() -> people(jon).card(jon.userId()).following() == 0
                && people(jon).card(jon.userId()).followers() == 0);
        assertThat(people(jon).following().people()).isEmpty();
    }

    @Test
    void aNewPhotoReachesTheNeighboursLiveAndIsInTheWelcome() throws IOException {
        AuthResponse lou = SERVER.register("lou");
        AuthResponse max = SERVER.register("max");
        String space = SERVER.api().createSpace(lou.accessToken(), "Photos " + UUID.randomUUID(), "public").id();
        Connection lous = SERVER.join(lou, space);
        Connection maxs = SERVER.join(max, space);
        await().atMost(TIMEOUT).until(() -> maxs.world().snapshot().person(lou.userId()) != null);
        assertThat(maxs.world().snapshot().person(lou.userId()).photo()).isNull();

        Profile withPhoto = SERVER.api().uploadPhoto(lou.accessToken(), png(), "image/png");

        await().atMost(TIMEOUT).until(() -> withPhoto.photo().equals(maxs.world().snapshot().person(lou.userId()).photo()));
        // Someone who comes in later finds it in the welcome.
        AuthResponse ned = SERVER.register("ned");
        Connection neds = SERVER.connect(ned);
        neds.send(new ClientMessage.Join(space, "j"));
        var welcome = neds.await(ServerMessage.Welcome.class, TIMEOUT);
        assertThat(welcome.people()).filteredOn(p -> p.userId().equals(lou.userId())).singleElement()
                .satisfies(p -> assertThat(p.photo()).isEqualTo(withPhoto.photo()));
        // Removed: gone for the neighbours too.
        SERVER.api().deletePhoto(lou.accessToken());
        await().atMost(TIMEOUT).until(() -> maxs.world().snapshot().person(lou.userId()).photo() == null);
        assertThat(lous.isOpen()).isTrue();
    }

    private static People people(AuthResponse user) {
        return new People(SERVER.api(), user::accessToken);
    }

    /** Collects the follow alerts the connection receives. */
    private static List<ChatEvent.Notification> alerts(Connection c) {
        List<ChatEvent.Notification> alerts = new CopyOnWriteArrayList<>();
        c.onMessage(m -> People.alert(m).ifPresent(alerts::add));
        return alerts;
    }

    private static ChatEvent.Notification alertIn(List<ChatEvent.Notification> alerts, String kind, String userId) {
        await().atMost(TIMEOUT).until(() -> alerts.stream().anyMatch(n -> n.kind().equals(kind)
                && n.fromUserId().equals(userId)));
        return alerts.stream().filter(n -> n.kind().equals(kind) && n.fromUserId().equals(userId)).findFirst()
                .orElseThrow();
    }

    private static String shareASpace(AuthResponse owner, AuthResponse guest) {
        return SERVER.shareASpace(owner, guest);
    }

    private static Session session(String prefix, String spaceId) {
        return SERVER.session(prefix, spaceId, FAST);
    }

    private static byte[] png() throws IOException {
        var image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
