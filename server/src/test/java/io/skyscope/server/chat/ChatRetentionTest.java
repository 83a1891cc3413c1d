package io.skyscope.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatMessage;
import io.skyscope.server.chat.store.ChatKeys;
import io.skyscope.server.chat.store.Conversations;
import io.skyscope.server.space.SpaceService;
import io.skyscope.server.testing.EmbeddedMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The retention job deletes what is older than a space keeps, in every channel, and nothing else. */
class ChatRetentionTest {
    private static final String OFFICE = SpaceService.DEFAULT_SPACE_ID;

    @RegisterExtension
    final EmbeddedMongo mongo = new EmbeddedMongo();

    @Test
    void expiredMessagesGoFromEveryChannelAndPagesAndCountsIgnoreThem() {
        try (var f = new ChatFixture(mongo.store())) {
            String ana = f.user("ana");
            String ben = f.user("ben");
            f.stores.conversations().insert(new Conversations.Conversation("g-old", OFFICE, Conversations.GROUP, null,
                    List.of(ana, ben), ana, Instant.now()));
            for (int i = 0; i < 700; i++) {
                send(f, ana, i % 3 == 0 ? "space" : i % 3 == 1 ? "nearby" : "conv:g-old", "old " + i);
            }
            f.commit.awaitDurable();   // the messages are inserted with the flush
            f.services.clock.advance(Duration.ofDays(3));
            for (int i = 0; i < 6; i++) {
                send(f, ana, i % 3 == 0 ? "space" : i % 3 == 1 ? "nearby" : "conv:g-old", "new " + i);
            }
            f.commit.awaitDurable();
            assertThat(f.retention.sweep()).as("no retention set").isZero();

            f.stores.settings().setRetentionDays(OFFICE, 2);
            assertThat(f.retention.sweep()).isEqualTo(700);
            assertThat(f.retention.sweep()).isZero();

            assertThat(texts(f.history.space(ana, OFFICE, "space", null, 100).messages())).containsExactly("new 3", "new 0");
            assertThat(texts(f.history.space(ana, OFFICE, "nearby", null, 100).messages())).containsExactly("new 4", "new 1");
            var conv = f.history.conversation(ben, "g-old", null, 100);
            assertThat(texts(conv.messages())).containsExactly("new 5", "new 2");
            assertThat(conv.nextBefore()).isNull();
            assertThat(f.reads.unreadIn(ben, "g-old")).isEqualTo(2);
            assertThat(f.stores.counters().get(ChatKeys.inbox(OFFICE, ana)).floor()).isGreaterThan(1);
        }
    }

    private static void send(ChatFixture f, String userId, String channel, String text) {
        f.chat.send(userId, OFFICE, new ChatCommand.Send(channel, text, "c-" + UUID.randomUUID().toString()
                .replace("-", ""), null, null));
    }

    private static List<String> texts(List<ChatMessage> messages) {
        return messages.stream().map(ChatMessage::text).toList();
    }
}
