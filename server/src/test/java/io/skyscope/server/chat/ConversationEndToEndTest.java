package io.skyscope.server.chat;

import static io.skyscope.server.chat.ChatClients.received;
import static io.skyscope.server.chat.ChatClients.refused;
import static io.skyscope.server.chat.ChatClients.send;
import static io.skyscope.server.chat.ChatClients.space;
import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyscope.client.ApiError;
import io.skyscope.client.ChatApi;
import io.skyscope.client.Connection;
import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ChatMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.NotificationView;
import io.skyscope.protocol.rest.UnreadCount;
import io.skyscope.server.e2e.ServerExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Direct messages, group conversations and notifications over real sockets and REST. */
class ConversationEndToEndTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final ChatApi chat = new ChatApi(SERVER.api());

    @Test
    void directMessagesReachTheOtherPersonWhereverTheyAreAndNotifyOnce() {
        AuthResponse ana = SERVER.register("ana");
        AuthResponse ben = SERVER.register("ben");
        AuthResponse cat = SERVER.register("cat");
        String spaceId = space(SERVER, ana);
        Connection a = SERVER.join(ana, spaceId);
        SERVER.join(cat, spaceId).close();
        Connection b = SERVER.join(ben, spaceId);
        b.send(new io.skyscope.protocol.ClientMessage.Leave("out"));
        b.await(io.skyscope.protocol.ServerMessage.Ack.class, TIMEOUT);

        var dm = chat.openConversation(ana.accessToken(), spaceId, List.of(ben.userId()), null);
        assertThat(dm.kind()).isEqualTo("direct");
        assertThat(dm.participants()).containsExactlyInAnyOrder(ana.userId(), ben.userId());
        assertThat(chat.openConversation(ben.accessToken(), spaceId, List.of(ana.userId()), null).id())
                .as("the same conversation, whoever opens it").isEqualTo(dm.id());

        String channel = "conv:" + dm.id();
        var first = send(a, channel, "Got a minute?");
        var second = send(a, channel, "It's about the release");
        assertThat(first.messageId()).startsWith("c:" + dm.id() + ":");
        assertThat(received(b, first.messageId()).text()).isEqualTo("Got a minute?");
        received(b, second.messageId());
        var note = b.await(ChatEvent.Notification.class, n -> n.kind().equals("dm"), TIMEOUT);
        assertThat(note.channel()).isEqualTo(channel);
        assertThat(note.fromUserId()).isEqualTo(ana.userId());
        List<NotificationView> listed = chat.notifications(ben.accessToken(), null, null).notifications();
        assertThat(listed).filteredOn(n -> n.kind().equals("dm")).as("one per unread conversation").hasSize(1);
        assertThat(chat.unread(ben.accessToken(), spaceId).channels()).contains(new UnreadCount(channel, 2));

        b.send(new ChatCommand.Read(channel, second.messageId(), null));
        assertThat(b.await(ChatEvent.Unread.class, TIMEOUT).count()).isZero();
        var reply = send(b, channel, "Sure");
        assertThat(received(a, reply.messageId()).senderId()).isEqualTo(ben.userId());
        assertThat(chat.conversationMessages(ben.accessToken(), dm.id(), null, 10).messages())
                .extracting(ChatMessage::text).containsExactly("Sure", "It's about the release", "Got a minute?");

        assertThatThrownBy(() -> chat.conversationMessages(cat.accessToken(), dm.id(), null, 10))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(404));
        Connection c = SERVER.connect(cat);
        assertThat(refused(c, new ChatCommand.Send(channel, "let me in", ChatClients.clientId(), null, "x")).code())
                .isEqualTo("not_found");
        assertThat(refused(c, new ChatCommand.Read(channel, first.messageId(), "y")).code()).isEqualTo("not_found");
    }

    @Test
    void groupsInviteTheirMembersWhoReadTheNotificationsWhenTheyComeBack() {
        AuthResponse dan = SERVER.register("dan");
        AuthResponse eve = SERVER.register("eve");
        AuthResponse fay = SERVER.register("fay");
        AuthResponse gus = SERVER.register("gus");
        String spaceId = space(SERVER, dan);
        Connection d = SERVER.join(dan, spaceId);
        Connection e = SERVER.join(eve, spaceId);
        SERVER.join(fay, spaceId).close();
        SERVER.join(gus, spaceId).close();

        var group = chat.openConversation(dan.accessToken(), spaceId, List.of(eve.userId(), fay.userId()), "Launch crew");
        assertThat(group.kind()).isEqualTo("group");
        assertThat(group.title()).isEqualTo("Launch crew");
        var invite = e.await(ChatEvent.Notification.class, n -> n.kind().equals("invite"), TIMEOUT);
        assertThat(invite.channel()).isEqualTo("conv:" + group.id());
        assertThat(invite.preview()).isEqualTo("Launch crew");

        String channel = "conv:" + group.id();
        var hello = send(d, channel, "Kick-off at 3, @" + fay.username());
        received(e, hello.messageId());
        var added = chat.addParticipant(eve.accessToken(), group.id(), gus.userId());
        assertThat(added.participants()).contains(gus.userId());

        List<NotificationView> faySees = chat.notifications(fay.accessToken(), null, null).notifications();
        assertThat(faySees).extracting(NotificationView::kind).containsExactly("mention", "invite");
        assertThat(faySees).allMatch(n -> !n.read());
        assertThat(chat.notifications(fay.accessToken(), null, null).unread()).isEqualTo(2);
        chat.markNotificationRead(fay.accessToken(), faySees.get(1).id());
        assertThat(chat.notifications(fay.accessToken(), null, null).unread()).isEqualTo(1);
        chat.markAllNotificationsRead(fay.accessToken());
        var afterAll = chat.notifications(fay.accessToken(), null, null);
        assertThat(afterAll.unread()).isZero();
        assertThat(afterAll.notifications()).allMatch(NotificationView::read);

        assertThat(chat.notifications(gus.accessToken(), null, null).notifications())
                .extracting(NotificationView::kind).containsExactly("invite");
        assertThat(chat.conversations(gus.accessToken(), spaceId).conversations())
                .extracting(v -> v.id()).containsExactly(group.id());
        assertThat(chat.conversationMessages(gus.accessToken(), group.id(), null, 10).messages())
                .extracting(ChatMessage::id).containsExactly(hello.messageId());

        chat.leaveConversation(fay.accessToken(), group.id(), fay.userId());
        assertThat(chat.conversations(fay.accessToken(), spaceId).conversations()).isEmpty();
        assertThatThrownBy(() -> chat.conversationMessages(fay.accessToken(), group.id(), null, 10))
                .isInstanceOfSatisfying(ApiError.class, er -> assertThat(er.status()).isEqualTo(404));
    }

    @Test
    void conversationsNeedMembersOfTheSpace() {
        AuthResponse hal = SERVER.register("hal");
        AuthResponse stranger = SERVER.register("ivy");
        String spaceId = space(SERVER, hal);
        assertThatThrownBy(() -> chat.openConversation(hal.accessToken(), spaceId, List.of(stranger.userId()), null))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).isEqualTo("participants");
                });
        assertThatThrownBy(() -> chat.openConversation(hal.accessToken(), spaceId, List.of(hal.userId()), null))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
