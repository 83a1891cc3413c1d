package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.ApiError;
import io.skyscope.client.ChatApi;
import io.skyscope.client.Connection;
import io.skyscope.client.GuestApi;
import io.skyscope.client.InviteLink;
import io.skyscope.client.PeopleApi;
import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.CloseCodes;
import io.skyscope.protocol.EtiquetteCommand;
import io.skyscope.protocol.NotesCommand;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.GuestJoined;
import io.skyscope.protocol.rest.GuestLinkView;
import io.skyscope.protocol.rest.InviteView;
import io.skyscope.protocol.rest.MemberList;
import io.skyscope.protocol.rest.ProfileUpdate;
import io.skyscope.protocol.rest.RoleChange;
import io.skyscope.protocol.rest.SpaceCreate;
import io.skyscope.protocol.rest.SpaceView;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Guests over the real sockets: an owner makes a guest link, a guest joins by it with a name only,
 * is marked as a guest to others, chats in the space, and is refused everywhere else (REST and
 * WebSocket); revoking the link or its expiry closes the guest's socket and ends their tokens;
 * links are capped and checked (the per-address join limit has a server of its own:
 * {@link GuestJoinLimitEndToEndTest}).
 */
class GuestsEndToEndTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final GuestApi guests = new GuestApi(SERVER.api());
    private final ChatApi chat = new ChatApi(SERVER.api());

    @Test
    void aGuestJoinsByTheLinkIsMarkedAndChatsInTheSpace() throws Exception {
        AuthResponse owner = SERVER.register("own");
        String space = SERVER.api().createSpace(owner.accessToken(), "Guest <b>House</b> " + UUID.randomUUID(),
                "private").id();
        GuestLinkView link = guests.createGuestLink(owner.accessToken(), space, 3600L, 5);
        assertThat(link.link()).isEqualTo(SERVER.base() + "guest/" + link.code());
        assertThat(link.expiresAt()).isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3700));

        // The page a browser shows names the space, escaped, and offers the app link.
        HttpResponse<String> page = get(link.link());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Guest &lt;b&gt;House&lt;/b&gt;").doesNotContain("<b>House")
                .contains("href=\"" + link.appLink().replace("&", "&amp;") + "\"").doesNotContain("<script");

        // The link as it was passed on (app form) leads to the server and the code.
        InviteLink parsed = InviteLink.parse(link.appLink());
        assertThat(parsed.kind()).isEqualTo(InviteLink.Kind.GUEST);
        assertThat(parsed.server()).isEqualTo(SERVER.base());
        GuestJoined gus = guests.join(parsed.code(), "  Gus  ");
        assertThat(gus.spaceId()).isEqualTo(space);
        assertThat(gus.tokens().expiresIn()).isBetween(1L, 15L * 60);

        Connection o = SERVER.join(owner, space);
        Connection g = SERVER.join(gus.tokens(), space);
        await().atMost(TIMEOUT).until(() -> o.world().snapshot().person(gus.tokens().userId()) != null);
        assertThat(o.world().snapshot().person(gus.tokens().userId()).displayName()).isEqualTo("Gus (guest)");
        MemberList members = SERVER.api().send("GET", "api/v1/spaces/" + space + "/members", owner.accessToken(),
                null, MemberList.class);
        assertThat(members.members()).anySatisfy(m -> {
            assertThat(m.userId()).isEqualTo(gus.tokens().userId());
            assertThat(m.role()).isEqualTo("guest");
        });

        String id = UUID.randomUUID().toString().replace("-", "");
        g.send(new ChatCommand.Send("space", "hello from a guest", id, null, "hi"));
        g.await(ChatEvent.Ack.class, a -> id.equals(a.clientMessageId()), TIMEOUT);
        var heard = o.await(ChatEvent.Message.class, m -> m.message().text().equals("hello from a guest"), TIMEOUT);
        assertThat(heard.message().senderName()).isEqualTo("Gus (guest)");
        assertThat(chat.spaceMessages(gus.tokens().accessToken(), space, null, null, 10).messages())
                .extracting(m -> m.text()).contains("hello from a guest");

        // Refreshing keeps the guest a guest, and cannot reach past the link.
        AuthResponse renewed = SERVER.api().refresh(gus.tokens().refreshToken());
        assertThat(renewed.userId()).isEqualTo(gus.tokens().userId());
        assertThatThrownBy(() -> SERVER.api().send("GET", "api/v1/spaces", renewed.accessToken(), null, String.class))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo("guest_not_allowed"));
        // Nobody signs in as a guest with a password.
        assertThatThrownBy(() -> SERVER.api().login(gus.tokens().username(), "violet harbor lantern"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(401));
        // Members cannot pass for guests.
        assertThatThrownBy(() -> SERVER.api().updateProfile(owner.accessToken(),
                new ProfileUpdate("Owner (guest)", null, null, null, null, null, null, null)))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("displayName"));
    }

    @Test
    void aGuestIsRefusedEverywhereElse() throws Exception {
        AuthResponse owner = SERVER.register("own");
        String space = SERVER.api().createSpace(owner.accessToken(), "Lobby " + UUID.randomUUID(), "public").id();
        String other = SERVER.api().createSpace(owner.accessToken(), "Elsewhere " + UUID.randomUUID(), "public").id();
        GuestJoined gus = guests.join(guests.createGuestLink(owner.accessToken(), space, null, null).code(), "Gus");
        String token = gus.tokens().accessToken();

        // What a guest may do: read their own space.
        assertThat(SERVER.api().space(token, space).id()).isEqualTo(space);
        assertThat(SERVER.api().me(token).displayName()).isEqualTo("Gus (guest)");

        // What a guest may not: a representative set of REST routes, each refused with the same code.
        refused(() -> SERVER.api().createSpace(token, "Mine", "public"));
        refused(() -> SERVER.api().spaces(token));
        refused(() -> SERVER.api().space(token, other));
        refused(() -> SERVER.api().send("GET", "api/v1/spaces/" + other + "/messages", token, null, String.class));
        refused(() -> SERVER.api().updateProfile(token, new ProfileUpdate("Not a guest", null, null, null, null, null,
                null, null)));
        refused(() -> SERVER.api().uploadPhoto(token, new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png"));
        refused(() -> SERVER.api().profileCard(token, owner.userId()));
        refused(() -> new PeopleApi(SERVER.api()).find(token, "own", null, null));
        refused(() -> guests.createInvite(token, space));
        refused(() -> guests.createGuestLink(token, space, null, null));
        refused(() -> SERVER.api().send("POST", "api/v1/spaces", token, new SpaceCreate("x", null), String.class));
        refused(() -> SERVER.api().send("POST", "api/v1/me/sign-out-everywhere", token, null, Void.class));
        refused(() -> SERVER.api().send("DELETE", "api/v1/spaces/" + space, token, null, Void.class));
        refused(() -> SERVER.api().send("GET", "api/v1/notifications", token, null, String.class));
        refused(() -> guests.setAcceptsGuestMessages(token, true));
        // A direct conversation only with a member who accepts guests' messages.
        refused(() -> chat.openConversation(token, space, List.of(owner.userId()), null));
        guests.setAcceptsGuestMessages(owner.accessToken(), true);
        assertThat(guests.acceptsGuestMessages(owner.accessToken())).isTrue();
        assertThat(chat.openConversation(token, space, List.of(owner.userId()), null).participants())
                .contains(owner.userId(), gus.tokens().userId());

        // And over the WebSocket: another space, room notes, locks, stage speakers.
        Connection g = SERVER.connect(gus.tokens());
        g.send(new ClientMessage.Join(other, "other"));
        assertThat(g.await(ServerMessage.Error.class, e -> "other".equals(e.ref()), TIMEOUT).code())
                .isEqualTo("guest_not_allowed");
        g.send(new ClientMessage.Join(space, "mine"));
        g.await(ServerMessage.Welcome.class, TIMEOUT);
        g.send(new NotesCommand.Open("Meeting room", "notes"));
        assertThat(g.await(ServerMessage.Error.class, e -> "notes".equals(e.ref()), TIMEOUT).code())
                .isEqualTo("guest_not_allowed");
        g.send(new EtiquetteCommand.Lock("Meeting room", "lock"));
        assertThat(g.await(ServerMessage.Error.class, e -> "lock".equals(e.ref()), TIMEOUT).code())
                .isEqualTo("guest_not_allowed");
        g.send(new ClientMessage.VoiceCommand.StageSpeaker(gus.tokens().userId(), true, "stage"));
        assertThat(g.await(ServerMessage.Error.class, e -> "stage".equals(e.ref()), TIMEOUT).code())
                .isEqualTo("guest_not_allowed");
        assertThat(g.isOpen()).isTrue();
        // The guest never became a member of the other public space.
        assertThat(SERVER.api().send("GET", "api/v1/spaces/" + other + "/members", owner.accessToken(), null,
                MemberList.class).members()).noneMatch(m -> m.userId().equals(gus.tokens().userId()));
    }

    @Test
    void revokingTheLinkClosesTheGuestsSocketAndEndsTheirTokens() throws Exception {
        AuthResponse owner = SERVER.register("own");
        String space = SERVER.api().createSpace(owner.accessToken(), "Revoked " + UUID.randomUUID(), "private").id();
        GuestLinkView link = guests.createGuestLink(owner.accessToken(), space, null, null);
        GuestJoined gus = guests.join(link.code(), "Gus");
        Connection o = SERVER.join(owner, space);
        Connection g = SERVER.join(gus.tokens(), space);
        await().atMost(TIMEOUT).until(() -> o.world().snapshot().person(gus.tokens().userId()) != null);
        assertThat(guests.guestLinks(owner.accessToken(), space).guestLinks()).extracting(GuestLinkView::guests)
                .containsExactly(1);

        guests.revokeGuestLink(owner.accessToken(), space, link.code());

        assertThat(g.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.SIGNED_OUT);
        await().atMost(TIMEOUT).until(() -> o.world().snapshot().person(gus.tokens().userId()) == null);
        assertThatThrownBy(() -> SERVER.api().refresh(gus.tokens().refreshToken()))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> SERVER.api().me(gus.tokens().accessToken()))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> guests.join(link.code(), "Late"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(get(link.link()).statusCode()).isEqualTo(404);
        assertThat(guests.guestLinks(owner.accessToken(), space).guestLinks()).isEmpty();
    }

    @Test
    void theLinksExpiryClosesTheGuestsSocketAndNoRefreshOutlivesIt() throws Exception {
        AuthResponse owner = SERVER.register("own");
        String space = SERVER.api().createSpace(owner.accessToken(), "Brief " + UUID.randomUUID(), "private").id();
        GuestLinkView link = guests.createGuestLink(owner.accessToken(), space, 10L, null);
        GuestJoined gus = guests.join(link.code(), "Gus");
        assertThat(gus.tokens().expiresIn()).isLessThanOrEqualTo(10);
        Connection g = SERVER.join(gus.tokens(), space);
        AuthResponse renewed = SERVER.api().refresh(gus.tokens().refreshToken());
        assertThat(renewed.expiresIn()).isLessThanOrEqualTo(10);

        var closed = g.closed().get(TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
        assertThat(closed.code()).isEqualTo(CloseCodes.TOKEN_EXPIRED);
        // Token expiries are whole seconds, rounded down: the end comes at most a second early, never late.
        assertThat(Instant.now()).isAfterOrEqualTo(link.expiresAt().minusSeconds(1));
        await().atMost(TIMEOUT).until(() -> Instant.now().isAfter(link.expiresAt()));
        assertThatThrownBy(() -> SERVER.api().refresh(renewed.refreshToken()))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> guests.join(link.code(), "Late"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(get(link.link()).statusCode()).isEqualTo(404);
    }

    @Test
    void anAdminMayRemoveAGuestButNobodyMakesAGuestAMember() throws Exception {
        AuthResponse owner = SERVER.register("own");
        AuthResponse admin = SERVER.register("adm");
        String space = privateSpaceWith(owner, admin);
        SERVER.api().send("PUT", "api/v1/spaces/" + space + "/members/" + admin.userId(), owner.accessToken(),
                new RoleChange("admin"), String.class);
        GuestJoined gus = guests.join(guests.createGuestLink(admin.accessToken(), space, null, null).code(), "Gus");
        Connection g = SERVER.join(gus.tokens(), space);

        assertThatThrownBy(() -> SERVER.api().send("PUT", "api/v1/spaces/" + space + "/members/"
                + gus.tokens().userId(), owner.accessToken(), new RoleChange("member"), String.class))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo("guest_not_allowed"));
        SERVER.api().send("DELETE", "api/v1/spaces/" + space + "/members/" + gus.tokens().userId(),
                admin.accessToken(), null, Void.class);
        assertThat(g.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.REMOVED);
        // Removed, the guest cannot come back, nor read the space.
        Connection again = SERVER.connect(gus.tokens());
        again.send(new ClientMessage.Join(space, "back"));
        assertThat(again.await(ServerMessage.Error.class, e -> "back".equals(e.ref()), TIMEOUT).code())
                .isEqualTo("not_found");
        assertThatThrownBy(() -> chat.spaceMessages(gus.tokens().accessToken(), space, null, null, 10))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void linksAreCappedAndChecked() throws Exception {
        AuthResponse owner = SERVER.register("own");
        AuthResponse member = SERVER.register("mem");
        String space = privateSpaceWith(owner, member);

        assertThatThrownBy(() -> guests.createGuestLink(member.accessToken(), space, null, null))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> guests.createGuestLink(owner.accessToken(), space, 8 * 86_400L, null))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("lifetimeSeconds"));
        assertThatThrownBy(() -> guests.createGuestLink(owner.accessToken(), space, null, 51))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("maxGuests"));
        GuestLinkView one = guests.createGuestLink(owner.accessToken(), space, null, 1);
        assertThatThrownBy(() -> guests.join(one.code(), "\u0007bell"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("displayName"));
        assertThatThrownBy(() -> guests.join(one.code(), "x".repeat(41)))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("displayName"));
        guests.join(one.code(), "First");
        assertThatThrownBy(() -> guests.join(one.code(), "Second"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo("guest_link_full"));
        assertThatThrownBy(() -> guests.join("no-such-code-at-all", "Nobody"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(404));

        // Up to 20 open links per space.
        for (int i = guests.guestLinks(owner.accessToken(), space).guestLinks().size(); i < 20; i++) {
            guests.createGuestLink(owner.accessToken(), space, null, 50);
        }
        assertThatThrownBy(() -> guests.createGuestLink(owner.accessToken(), space, null, null))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo("too_many_guest_links"));
    }

    /** A private space of {@code owner}'s that {@code member} joined by invite. */
    private String privateSpaceWith(AuthResponse owner, AuthResponse member) {
        String space = SERVER.api().createSpace(owner.accessToken(), "Space " + UUID.randomUUID(), "private").id();
        InviteView invite = guests.createInvite(owner.accessToken(), space);
        SERVER.api().send("POST", "api/v1/invites/" + invite.code() + "/accept", member.accessToken(), null,
                SpaceView.class);
        return space;
    }

    private static void refused(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiError.class, e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.code()).isEqualTo("guest_not_allowed");
        });
    }

    static HttpResponse<String> get(String url) throws Exception {
        return SERVER.http().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
