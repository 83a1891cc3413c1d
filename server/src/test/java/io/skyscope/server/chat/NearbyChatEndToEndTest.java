package io.skyscope.server.chat;

import static io.skyscope.server.chat.ChatClients.history;
import static io.skyscope.server.chat.ChatClients.received;
import static io.skyscope.server.chat.ChatClients.record;
import static io.skyscope.server.chat.ChatClients.refused;
import static io.skyscope.server.chat.ChatClients.send;
import static io.skyscope.server.chat.ChatClients.space;
import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.ChatApi;
import io.skyscope.client.Connection;
import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ChatMessage;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.UnreadCount;
import io.skyscope.server.config.ServerConfig.VoiceConfig;
import io.skyscope.server.e2e.ServerExtension;
import io.skyscope.server.world.proximity.VoiceSettings;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nearby chat over real sockets. Everyone starts at the spawn; a voice join radius (how far nearby
 * chat carries) of 16 px lets one step of 24 px take someone out of earshot.
 */
class NearbyChatEndToEndTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c.withVoice(
            new VoiceConfig(List.of(), null, 3600, new VoiceSettings(16, 20, 8, 300, 12, 50, 160))));

    @Test
    void nearbyReachesOnlyThoseWithinHearingAndIsKeptForThem() {
        AuthResponse ana = SERVER.register("ana");
        AuthResponse ben = SERVER.register("ben");
        AuthResponse cat = SERVER.register("cat");
        String spaceId = space(SERVER, ana);
        Connection a = SERVER.join(ana, spaceId);
        Connection b = SERVER.join(ben, spaceId);
        Connection c = SERVER.join(cat, spaceId);
        List<ServerMessage> toCat = record(c);

        Person me = c.world().snapshot().self();
        var probe = SERVER.api().map(cat.accessToken(), c.world().snapshot().space().mapId(),
                c.world().snapshot().space().mapVersion());
        double[] away = freeStep(probe, me.x(), me.y(), 24);
        c.move(away[0], away[1]);
        a.await(ServerMessage.PresenceUpdate.class, p -> p.moved().stream()
                .anyMatch(m -> m.userId().equals(cat.userId()) && m.x() == away[0] && m.y() == away[1]), TIMEOUT);

        var psst = send(a, "nearby", "psst, coffee?");
        assertThat(psst.messageId()).startsWith("n:" + spaceId + ":");
        ChatMessage heard = received(b, psst.messageId());
        assertThat(heard.channel()).isEqualTo("nearby");
        var marker = send(a, "space", "(everyone gets this)");
        received(c, marker.messageId());
        assertThat(toCat).noneMatch(m -> m instanceof ChatEvent.Message msg && msg.message().channel().equals("nearby"));

        var yes = send(b, "nearby", "yes!", psst.messageId());
        assertThat(received(a, yes.messageId()).replyTo()).isEqualTo(psst.messageId());
        assertThat(refused(c, new ChatCommand.Send("nearby", "me too", ChatClients.clientId(), psst.messageId(), "r"))
                .field()).isEqualTo("replyTo");
        assertThat(refused(c, new ChatCommand.Read("nearby", psst.messageId(), "r2")).code()).isEqualTo("not_found");

        assertThat(history(SERVER, ben, spaceId, "nearby", 1)).extracting(ChatMessage::id)
                .containsExactly(yes.messageId(), psst.messageId());
        assertThat(history(SERVER, ana, spaceId, "nearby", 50)).hasSize(2);
        assertThat(history(SERVER, cat, spaceId, "nearby", 50)).isEmpty();
        var chat = new ChatApi(SERVER.api());
        assertThat(chat.unread(ana.accessToken(), spaceId).channels()).contains(new UnreadCount("nearby", 1));
        assertThat(chat.spaceMessages(ben.accessToken(), spaceId, "nearby", psst.messageId(), 10).messages())
                .as("a message id works as a cursor").isEmpty();
    }

    private static double[] freeStep(com.fasterxml.jackson.databind.JsonNode tmj, double x, double y, double d) {
        var map = io.skyscope.map.TiledMapParser.parse(tmj.toString().getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        double[][] dirs = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        for (double[] dir : dirs) {
            double tx = x + dir[0] * d;
            double ty = y + dir[1] * d;
            if (map.collision().walkable(tx, ty) && map.collision().segmentClear(x, y, tx, ty)
                    && map.areaAt(tx, ty).isEmpty()) {
                return new double[] {tx, ty};
            }
        }
        throw new AssertionError("no free step from the spawn");
    }
}
