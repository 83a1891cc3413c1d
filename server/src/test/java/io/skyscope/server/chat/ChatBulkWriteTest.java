package io.skyscope.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.chat.store.Conversations;
import io.skyscope.server.space.SpaceService;
import io.skyscope.server.store.GroupCommit;
import io.skyscope.server.store.Memberships;
import io.skyscope.server.testing.EmbeddedMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On the embedded store the messages sent between two flushes are inserted together, in one bulk
 * write on the committer thread. These tests hold the committer in a flush so that the sends they
 * make land in the same bulk write, then look at what each sender is told.
 */
class ChatBulkWriteTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final EmbeddedMongo mongo = new EmbeddedMongo();
    private ChatFixture f;
    private String ana;
    private String ben;
    private List<ServerMessage> toAna;
    private List<ServerMessage> toBen;

    @BeforeEach
    void team() {
        f = new ChatFixture(mongo.store());
        ana = f.user("ana");
        ben = f.user("ben");
        for (String member : List.of(ana, ben)) {
            f.services.memberships.put(SpaceService.DEFAULT_SPACE_ID, member, Memberships.MEMBER, Instant.now());
        }
        f.stores.conversations().insert(new Conversations.Conversation("g-team", SpaceService.DEFAULT_SPACE_ID,
                Conversations.GROUP, "Team", List.of(ana, ben), ana, Instant.now()));
        toAna = f.inbox(ana);
        toBen = f.inbox(ben);
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void duplicatesWithinOneBulkWriteAreStoredOnceAndAcknowledgedWithTheFirstCopysId() throws Exception {
        try (var held = Held.in(f.commit)) {
            send(ana, "hello", "client-0001", "r1");
            send(ana, "hello", "client-0001", "r2");
            send(ana, "and this", "client-0002", "r3");
            send(ben, "mine", "client-0001", "r4");
        }
        await().atMost(WAIT).until(() -> ack(toAna, "r1") != null && ack(toAna, "r2") != null
                && ack(toAna, "r3") != null && ack(toBen, "r4") != null);
        assertThat(ack(toAna, "r2").messageId()).isEqualTo(ack(toAna, "r1").messageId());
        assertThat(ack(toAna, "r3").messageId()).isNotEqualTo(ack(toAna, "r1").messageId());
        assertThat(f.stores.messages().findSent(ana, "client-0001")).get()
                .satisfies(m -> assertThat(m.id()).isEqualTo(ack(toAna, "r1").messageId()));
        assertThat(f.stores.messages().findSent(ben, "client-0001")).isPresent();

        f.fanout.close();   // publishes every delivery still queued
        assertThat(texts(toBen)).containsExactly("hello", "and this");
        assertThat(texts(toAna)).containsExactly("mine");
        assertThat(toAna).noneMatch(m -> m instanceof ServerMessage.Error);
    }

    @Test
    void aBulkWriteThatFailsAcknowledgesNothingAndTellsEachSender() throws Exception {
        // Once each, so that nothing the next sends need is read from the store.
        send(ana, "first", "client-0001", "r1");
        send(ben, "first too", "client-0001", "r2");
        await().atMost(WAIT).until(() -> ack(toAna, "r1") != null && ack(toBen, "r2") != null);

        try (var held = Held.in(f.commit)) {
            send(ana, "lost?", "client-0002", "r3");
            send(ben, "lost too?", "client-0002", "r4");
            mongo.store().close();
        }
        await().atMost(WAIT).until(() -> error(toAna, "r3") != null && error(toBen, "r4") != null);
        for (var error : List.of(error(toAna, "r3"), error(toBen, "r4"))) {
            assertThat(error.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE.wire());
            assertThat(error.retryAfterMs()).isPositive();
        }
        f.fanout.close();   // publishes every delivery still queued
        assertThat(ack(toAna, "r3")).isNull();
        assertThat(ack(toBen, "r4")).isNull();
        assertThat(texts(toBen)).containsExactly("first");
        assertThat(texts(toAna)).containsExactly("first too");
    }

    private void send(String userId, String text, String clientMessageId, String ref) {
        f.chat.send(userId, null, new ChatCommand.Send("conv:g-team", text, clientMessageId, null, ref));
    }

    private static List<String> texts(List<ServerMessage> inbox) {
        return inbox.stream().filter(m -> m instanceof ChatEvent.Message)
                .map(m -> ((ChatEvent.Message) m).message().text()).toList();
    }

    private static ChatEvent.Ack ack(List<ServerMessage> inbox, String ref) {
        return inbox.stream().filter(m -> m instanceof ChatEvent.Ack a && ref.equals(a.ref()))
                .map(ChatEvent.Ack.class::cast).findFirst().orElse(null);
    }

    private static ServerMessage.Error error(List<ServerMessage> inbox, String ref) {
        return inbox.stream().filter(m -> m instanceof ServerMessage.Error e && ref.equals(e.ref()))
                .map(ServerMessage.Error.class::cast).findFirst().orElse(null);
    }

    /**
     * Holds the committer inside one flush (in a hook that runs after the messages of that flush
     * were inserted) until closed, so that the sends made meanwhile all wait for the next one.
     */
    private static final class Held implements AutoCloseable {
        private final CountDownLatch inside = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final AtomicBoolean armed = new AtomicBoolean(true);

        static Held in(GroupCommit commit) throws InterruptedException {
            var held = new Held();
            commit.beforeFlush(() -> {
                if (held.armed.getAndSet(false)) {
                    held.inside.countDown();
                    try {
                        held.release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            commit.afterDurable(() -> { }, e -> { });
            assertThat(held.inside.await(60, TimeUnit.SECONDS)).as("the committer reached the hook").isTrue();
            return held;
        }

        @Override
        public void close() {
            release.countDown();
        }
    }
}
