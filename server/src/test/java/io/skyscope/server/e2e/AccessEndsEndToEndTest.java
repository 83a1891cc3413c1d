package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.ApiError;
import io.skyscope.client.ChatApi;
import io.skyscope.client.Connection;
import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.CloseCodes;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.InviteView;
import io.skyscope.protocol.rest.RoleChange;
import io.skyscope.protocol.rest.SpaceView;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Losing the right to be in a space ends access at once, over the real sockets: a removed member's
 * live connection leaves the private space; a banned client that never answers the close handshake
 * is cut and hears nothing more, and neither does another connection of the same user; replaced
 * connections are really closed; sanctions follow rank; a banned user cannot come back through an
 * old invite.
 */
class AccessEndsEndToEndTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    /** A close the server starts cuts the connection 2 s later; this leaves room for a busy machine. */
    private static final long CUT_WITHIN_MILLIS = 6_000;

    private final ChatApi chat = new ChatApi(SERVER.api());

    @Test
    void aRemovedMemberLeavesThePrivateSpaceAtOnce() throws Exception {
        AuthResponse owner = SERVER.register("own");
        AuthResponse mia = SERVER.register("mia");
        String hideout = privateSpaceWith(owner, mia);
        Connection o = SERVER.join(owner, hideout);
        Connection m = SERVER.join(mia, hideout);
        await().atMost(TIMEOUT).until(() -> o.world().snapshot().person(mia.userId()) != null);

        SERVER.api().send("DELETE", "api/v1/spaces/" + hideout + "/members/" + mia.userId(), owner.accessToken(),
                null, Void.class);

        assertThat(m.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.REMOVED);
        assertThat(m.await(ServerMessage.Error.class, TIMEOUT).code()).isEqualTo("removed");
        await().atMost(TIMEOUT).until(() -> o.world().snapshot().person(mia.userId()) == null);
        // What is said afterwards stays in the space: she cannot enter again, nor read it.
        say(o, "the plan, now that mia is gone");
        Connection again = SERVER.connect(mia);
        again.send(new ClientMessage.Join(hideout, "back"));
        assertThat(again.await(ServerMessage.Error.class, e -> "back".equals(e.ref()), TIMEOUT).code())
                .isEqualTo("not_found");
        assertThatThrownBy(() -> chat.spaceMessages(mia.accessToken(), hideout, null, null, 10))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(chat.spaceMessages(owner.accessToken(), hideout, null, null, 10).messages())
                .extracting(msg -> msg.senderId()).containsOnly(owner.userId());
    }

    @Test
    void aRemovedMemberCanNoLongerPostEditOrMarkReadThroughAnotherConnection() throws Exception {
        AuthResponse owner = SERVER.register("own");
        AuthResponse max = SERVER.register("max");
        String hideout = privateSpaceWith(owner, max);
        Connection m = SERVER.join(max, hideout);
        var said = say(m, "my old message");
        var conv = chat.openConversation(owner.accessToken(), hideout, List.of(max.userId()), null);
        m.close();

        SERVER.api().send("DELETE", "api/v1/spaces/" + hideout + "/members/" + max.userId(), owner.accessToken(),
                null, Void.class);

        // A connection that joins no space can still carry chat commands: each is checked as things stand.
        Connection c = SERVER.connect(max);
        String channel = "conv:" + conv.id();
        c.send(new ChatCommand.Send(channel, "still here?", UUID.randomUUID().toString().replace("-", ""), null, "s"));
        assertThat(c.await(ServerMessage.Error.class, e -> "s".equals(e.ref()), TIMEOUT).code()).isEqualTo("forbidden");
        c.send(new ChatCommand.Edit(said.messageId(), "edited after removal", "e"));
        assertThat(c.await(ServerMessage.Error.class, e -> "e".equals(e.ref()), TIMEOUT).code()).isEqualTo("forbidden");
        c.send(new ChatCommand.Typing(channel, "t"));
        c.send(new ChatCommand.Read("space", said.messageId(), "r"));
        assertThat(c.await(ServerMessage.Error.class, e -> "r".equals(e.ref()), TIMEOUT).code()).isEqualTo("not_found");
        assertThat(chat.conversationMessages(owner.accessToken(), conv.id(), null, 10).messages()).isEmpty();
        assertThat(chat.spaceMessages(owner.accessToken(), hideout, null, null, 10).messages())
                .extracting(msg -> msg.text()).containsExactly("my old message");
    }

    @Test
    void deletingASpaceClosesTheConnectionsInIt() throws Exception {
        AuthResponse owner = SERVER.register("own");
        AuthResponse rex = SERVER.register("rex");
        String hideout = privateSpaceWith(owner, rex);
        Connection o = SERVER.join(owner, hideout);
        Connection r = SERVER.join(rex, hideout);

        SERVER.api().send("DELETE", "api/v1/spaces/" + hideout, owner.accessToken(), null, Void.class);

        assertThat(r.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.REMOVED);
        assertThat(o.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.REMOVED);
    }

    @Test
    void aBannedClientThatNeverAnswersTheCloseIsCutAndHearsNothingMore() throws Exception {
        AuthResponse owner = SERVER.register("own");
        AuthResponse wit = SERVER.register("wit");
        AuthResponse zed = SERVER.register("zed");
        String hideout = privateSpaceWith(owner, wit, zed);
        Connection o = SERVER.join(owner, hideout);
        Connection w = SERVER.join(wit, hideout);
        try (var z = RawWebSocket.open(SERVER.server().port(), zed.accessToken(), 1 << 16)) {
            z.sendText("{\"type\":\"join\",\"spaceId\":\"" + hideout + "\",\"ref\":\"j\"}");
            await().atMost(TIMEOUT).until(() -> o.world().snapshot().person(zed.userId()) != null);
            int withZed = openConnections();

            chat.ban(owner.accessToken(), hideout, zed.userId(), "leaking");
            // Zed is out of everyone's people list at once, although his client has not answered.
            await().atMost(TIMEOUT).until(() -> o.world().snapshot().person(zed.userId()) == null);
            List<String> said = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                said.add(say(o, "after the ban " + i).messageId());
            }
            for (String id : said) {
                w.await(ChatEvent.Message.class, msg -> msg.message().id().equals(id), TIMEOUT);
            }

            var ending = z.readWithoutAnswering(CUT_WITHIN_MILLIS + 4_000);
            assertThat(ending.closeFrameSeen()).isTrue();
            assertThat(ending.cut()).as("the server cuts a client that does not answer the close").isTrue();
            assertThat(ending.millisToCut()).isLessThan(CUT_WITHIN_MILLIS);
            assertThat(ending.texts()).noneMatch(t -> t.contains("after the ban"));
            assertThat(ending.texts()).anyMatch(t -> t.contains("\"banned\""));
            // The server let go of the connection itself (not only stopped writing to it).
            await().atMost(TIMEOUT).until(() -> openConnections() <= withZed - 1);
        }

        // Another connection of the same user gets nothing of the space either: by the time Wit has
        // the second message, the first went to everyone it was going to.
        Connection second = SERVER.connect(zed);
        say(o, "still secret");
        var next = say(o, "and this too");
        w.await(ChatEvent.Message.class, msg -> msg.message().id().equals(next.messageId()), TIMEOUT);
        second.send(new ClientMessage.Ping("flush"));
        second.await(ServerMessage.Pong.class, p -> "flush".equals(p.ref()), TIMEOUT);
        assertThat(second.isOpen()).isTrue();
        assertThatThrownBy(() -> second.await(ChatEvent.Message.class, java.time.Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void replacedConnectionsThatNeverAnswerAreCut() throws Exception {
        AuthResponse kai = SERVER.register("kai");
        int before = openConnections();
        List<RawWebSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                RawWebSocket socket = RawWebSocket.open(SERVER.server().port(), kai.accessToken(), 1 << 16);
                sockets.add(socket);
                // The server registers a connection after the upgrade's answer, so two opened back to back
                // can register in either order (the later one registered wins). A ping answered means this
                // one is registered before the next opens.
                String ref = "opened-" + i;
                socket.sendText("{\"type\":\"ping\",\"ref\":\"" + ref + "\"}");
                socket.readUntil(t -> t.contains("\"" + ref + "\""), TIMEOUT.toMillis());
            }
            // The server holds the newest alone: the others are closed on its side.
            await().atMost(TIMEOUT).until(() -> openConnections() <= before + 1);
            // Each newer one replaced the one before; none of those answered, and each is cut.
            for (RawWebSocket old : sockets.subList(0, sockets.size() - 1)) {
                var ending = old.readWithoutAnswering(CUT_WITHIN_MILLIS + 4_000);
                assertThat(ending.cut()).isTrue();
                assertThat(ending.texts()).anyMatch(t -> t.contains("\"replaced\""));
            }
            RawWebSocket newest = sockets.getLast();
            newest.sendText("{\"type\":\"ping\",\"ref\":\"alive\"}");
            var still = newest.readWithoutAnswering(1_500);
            assertThat(still.cut()).isFalse();
            assertThat(still.texts()).anyMatch(t -> t.contains("\"alive\""));
        } finally {
            for (RawWebSocket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    void sanctionsFollowRank() {
        AuthResponse owner = SERVER.register("own");
        AuthResponse adam = SERVER.register("adam");
        AuthResponse bea = SERVER.register("bea");
        AuthResponse cy = SERVER.register("cy");
        String spaceId = SERVER.api().createSpace(owner.accessToken(), "Ranks " + UUID.randomUUID(), "public").id();
        for (AuthResponse u : List.of(adam, bea, cy)) {
            SERVER.join(u, spaceId).close();
        }
        for (AuthResponse u : List.of(adam, bea)) {
            SERVER.api().send("PUT", "api/v1/spaces/" + spaceId + "/members/" + u.userId(), owner.accessToken(),
                    new RoleChange("admin"), Object.class);
        }

        // A muted admin cannot lift their own mute.
        chat.mute(owner.accessToken(), spaceId, adam.userId(), 30, "cool down");
        assertForbidden(() -> chat.unmute(adam.accessToken(), spaceId, adam.userId()));
        // Nor can another admin lift what the owner set.
        assertForbidden(() -> chat.unmute(bea.accessToken(), spaceId, adam.userId()));
        chat.ban(owner.accessToken(), spaceId, cy.userId(), "owner's call");
        assertForbidden(() -> chat.unban(adam.accessToken(), spaceId, cy.userId()));
        assertThat(chat.sanctions(owner.accessToken(), spaceId).sanctions()).hasSize(2);
        // What an admin set, an admin may lift; the owner lifts anything.
        chat.unban(owner.accessToken(), spaceId, cy.userId());
        chat.mute(bea.accessToken(), spaceId, cy.userId(), 10, "admin's call");
        chat.unmute(adam.accessToken(), spaceId, cy.userId());
        chat.unmute(owner.accessToken(), spaceId, adam.userId());
        assertThat(chat.sanctions(owner.accessToken(), spaceId).sanctions()).isEmpty();
    }

    @Test
    void aBannedUserCannotComeBackThroughAnOldInvite() {
        AuthResponse owner = SERVER.register("own");
        AuthResponse vic = SERVER.register("vic");
        String hideout = SERVER.api().createSpace(owner.accessToken(), "Den " + UUID.randomUUID(), "private").id();
        InviteView invite = SERVER.api().send("POST", "api/v1/spaces/" + hideout + "/invites", owner.accessToken(),
                null, InviteView.class);
        SERVER.api().send("POST", "api/v1/invites/" + invite.code() + "/accept", vic.accessToken(), null,
                SpaceView.class);
        chat.ban(owner.accessToken(), hideout, vic.userId(), "out");

        assertThatThrownBy(() -> SERVER.api().send("POST", "api/v1/invites/" + invite.code() + "/accept",
                vic.accessToken(), null, SpaceView.class))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo("banned"));
        assertThat(SERVER.api().send("GET", "api/v1/spaces/" + hideout + "/members", owner.accessToken(), null,
                String.class)).doesNotContain(vic.userId());
    }

    @Test
    void invitesCanBeListedAndRevokedAndDoNotOutliveTheirMakersRole() {
        AuthResponse owner = SERVER.register("own");
        AuthResponse ada = SERVER.register("ada");
        AuthResponse newcomer = SERVER.register("new");
        AuthResponse late = SERVER.register("late");
        String den = privateSpaceWith(owner, ada);
        SERVER.api().send("PUT", "api/v1/spaces/" + den + "/members/" + ada.userId(), owner.accessToken(),
                new RoleChange("admin"), Object.class);
        InviteView mine = invite(owner, den);
        InviteView adas = invite(ada, den);

        var listed = SERVER.api().send("GET", "api/v1/spaces/" + den + "/invites", owner.accessToken(), null,
                io.skyscope.protocol.rest.InviteList.class).invites();
        assertThat(listed).extracting(InviteView::code).contains(mine.code(), adas.code());
        assertThat(listed).filteredOn(i -> i.code().equals(adas.code())).singleElement()
                .satisfies(i -> assertThat(i.createdBy()).isEqualTo(ada.userId()));
        // A stranger does not even see the (private) space.
        assertThatThrownBy(() -> SERVER.api().send("GET", "api/v1/spaces/" + den + "/invites",
                newcomer.accessToken(), null, String.class))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(404));

        // Revoked: refused at once.
        SERVER.api().send("DELETE", "api/v1/spaces/" + den + "/invites/" + mine.code(), owner.accessToken(), null,
                Void.class);
        assertThatThrownBy(() -> accept(newcomer, mine))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(404));
        // Ada is no longer an admin: her invite stops working too.
        SERVER.api().send("PUT", "api/v1/spaces/" + den + "/members/" + ada.userId(), owner.accessToken(),
                new RoleChange("member"), Object.class);
        assertThatThrownBy(() -> accept(late, adas))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(SERVER.api().send("GET", "api/v1/spaces/" + den + "/members", owner.accessToken(), null,
                String.class)).doesNotContain(newcomer.userId(), late.userId());
    }

    private static InviteView invite(AuthResponse by, String spaceId) {
        return SERVER.api().send("POST", "api/v1/spaces/" + spaceId + "/invites", by.accessToken(), null,
                InviteView.class);
    }

    private static SpaceView accept(AuthResponse who, InviteView invite) {
        return SERVER.api().send("POST", "api/v1/invites/" + invite.code() + "/accept", who.accessToken(), null,
                SpaceView.class);
    }

    /** A private space of {@code owner} that the others joined by invite. */
    private static String privateSpaceWith(AuthResponse owner, AuthResponse... members) {
        String id = SERVER.api().createSpace(owner.accessToken(), "Hideout " + UUID.randomUUID(), "private").id();
        InviteView invite = SERVER.api().send("POST", "api/v1/spaces/" + id + "/invites", owner.accessToken(), null,
                InviteView.class);
        for (AuthResponse m : members) {
            SERVER.api().send("POST", "api/v1/invites/" + invite.code() + "/accept", m.accessToken(), null,
                    SpaceView.class);
        }
        return id;
    }

    /** The WebSocket connections the server holds open, from its metrics. */
    private static int openConnections() {
        String metrics = SERVER.api().send("GET", "metrics", null, null, String.class);
        return metrics.lines().filter(l -> l.startsWith("skyscope_ws_connections "))
                .mapToInt(l -> (int) Double.parseDouble(l.substring(l.indexOf(' ') + 1).strip()))
                .findFirst().orElseThrow(() -> new AssertionError("no skyscope_ws_connections in /metrics"));
    }

    private static void assertForbidden(Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    /** Posts in the space channel and waits for the acknowledgement. */
    private static ChatEvent.Ack say(Connection c, String text) {
        String id = UUID.randomUUID().toString().replace("-", "");
        c.send(new ChatCommand.Send("space", text, id, null, null));
        return c.await(ChatEvent.Ack.class, a -> id.equals(a.clientMessageId()), TIMEOUT);
    }
}
