package io.skyscope.server.chat;

import static io.skyscope.server.chat.ChatClients.history;
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
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.CloseCodes;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.ChatSettings;
import io.skyscope.protocol.rest.RoleChange;
import io.skyscope.server.e2e.ServerExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reports, mutes, kicks, bans and chat settings over real sockets and REST. */
class ModerationEndToEndTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final ChatApi chat = new ChatApi(SERVER.api());

    @Test
    void aReportedMessageIsListedForAdminsOnly() {
        AuthResponse owner = SERVER.register("own");
        AuthResponse ana = SERVER.register("ana");
        AuthResponse ben = SERVER.register("ben");
        String spaceId = space(SERVER, owner);
        SERVER.join(owner, spaceId);
        Connection a = SERVER.join(ana, spaceId);
        SERVER.join(ben, spaceId);
        var rude = send(a, "space", "something rude");

        var report = chat.report(ben.accessToken(), rude.messageId(), "insulting");
        assertThat(report.id()).startsWith("r:" + spaceId + ":");
        assertThatThrownBy(() -> chat.report(ben.accessToken(), rude.messageId(), "again"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo("already_reported"));
        var reports = chat.reports(owner.accessToken(), spaceId, null, null).reports();
        assertThat(reports).hasSize(1);
        assertThat(reports.getFirst().messageId()).isEqualTo(rude.messageId());
        assertThat(reports.getFirst().text()).isEqualTo("something rude");
        assertThat(reports.getFirst().reporterId()).isEqualTo(ben.userId());
        assertThat(reports.getFirst().reason()).isEqualTo("insulting");
        assertThatThrownBy(() -> chat.reports(ben.accessToken(), spaceId, null, null))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void aMutedUserCannotSendUntilUnmutedAndAKickedOneMayComeBack() throws Exception {
        AuthResponse owner = SERVER.register("own");
        AuthResponse cat = SERVER.register("cat");
        String spaceId = space(SERVER, owner);
        Connection o = SERVER.join(owner, spaceId);
        Connection c = SERVER.join(cat, spaceId);

        var muted = chat.mute(owner.accessToken(), spaceId, cat.userId(), 30, "cool down");
        assertThat(muted.mutedUntil()).isNotNull();
        var error = refused(c, new ChatCommand.Send("space", "hello?", ChatClients.clientId(), null, "m1"));
        assertThat(error.code()).isEqualTo("muted");
        assertThat(error.message()).contains("until 20");
        assertThat(chat.sanctions(owner.accessToken(), spaceId).sanctions()).hasSize(1);
        assertThatThrownBy(() -> chat.mute(cat.accessToken(), spaceId, owner.userId(), null, "revenge"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(403));
        chat.unmute(owner.accessToken(), spaceId, cat.userId());
        received(o, send(c, "space", "thanks").messageId());

        chat.kick(owner.accessToken(), spaceId, cat.userId());
        assertThat(c.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.KICKED);
        assertThat(c.await(ServerMessage.Error.class, TIMEOUT).code()).isEqualTo("kicked");
        Connection back = SERVER.join(cat, spaceId);
        send(back, "space", "I'm back");
    }

    @Test
    void aBannedUserIsDisconnectedAndCannotRejoinChatOrReadHistory() throws Exception {
        AuthResponse owner = SERVER.register("own");
        AuthResponse admin = SERVER.register("adm");
        AuthResponse dan = SERVER.register("dan");
        String spaceId = space(SERVER, owner);
        SERVER.join(owner, spaceId);
        Connection ad = SERVER.join(admin, spaceId);
        Connection d = SERVER.join(dan, spaceId);
        SERVER.api().send("PUT", "api/v1/spaces/" + spaceId + "/members/" + admin.userId(), owner.accessToken(),
                new RoleChange("admin"), Object.class);
        var before = send(d, "space", "my last words");

        assertThatThrownBy(() -> chat.ban(admin.accessToken(), spaceId, owner.userId(), "coup"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(403));
        var ban = chat.ban(admin.accessToken(), spaceId, dan.userId(), "spam");
        assertThat(ban.banned()).isTrue();
        assertThat(d.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.BANNED);

        Connection again = SERVER.connect(dan);
        again.send(new ClientMessage.Join(spaceId, "j"));
        assertThat(again.await(ServerMessage.Error.class, TIMEOUT).code()).isEqualTo("banned");
        assertThatThrownBy(() -> chat.spaceMessages(dan.accessToken(), spaceId, null, null, 10))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo("banned"));
        assertThat(SERVER.api().send("GET", "api/v1/spaces/" + spaceId + "/members", owner.accessToken(), null,
                String.class)).doesNotContain(dan.userId());
        ad.send(new ChatCommand.Delete(before.messageId(), "d1"));
        ad.await(ServerMessage.Ack.class, a -> "d1".equals(a.ref()), TIMEOUT);
        assertThat(history(SERVER, admin, spaceId, null, 10).getFirst().deleted()).isTrue();

        chat.unban(owner.accessToken(), spaceId, dan.userId());
        Connection forgiven = SERVER.join(dan, spaceId);
        send(forgiven, "space", "I'll behave");
        assertThat(chat.spaceMessages(dan.accessToken(), spaceId, null, null, 10).messages()).hasSize(2);
    }

    @Test
    void retentionIsASettingOfTheSpaceForItsAdmins() {
        AuthResponse owner = SERVER.register("own");
        AuthResponse eve = SERVER.register("eve");
        String spaceId = space(SERVER, owner);
        SERVER.join(eve, spaceId);
        assertThat(chat.chatSettings(eve.accessToken(), spaceId).retentionDays()).isNull();
        assertThat(chat.updateChatSettings(owner.accessToken(), spaceId, new ChatSettings(30)).retentionDays())
                .isEqualTo(30);
        assertThat(chat.chatSettings(eve.accessToken(), spaceId).retentionDays()).isEqualTo(30);
        assertThatThrownBy(() -> chat.updateChatSettings(eve.accessToken(), spaceId, new ChatSettings(1)))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> chat.updateChatSettings(owner.accessToken(), spaceId, new ChatSettings(0)))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("retentionDays"));
    }
}
