package io.skyscope.server.chat;

import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.chat.store.Conversations;
import io.skyscope.server.http.HttpErrors;
import io.skyscope.server.space.SpaceService;
import io.skyscope.server.testing.EmbeddedMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;


/**
 * A send while the store is unreachable gets an error to retry, never an acknowledgement: at once
 * if the send itself must read the store, else when the insert that would have stored it fails.
 */
class ChatStoreFailureTest {
    @RegisterExtension
    final EmbeddedMongo mongo = new EmbeddedMongo();

    @Test
    void aSendWhileTheStoreIsDownIsRefusedAsRetryableAndNeverAcknowledged() {
        try (var f = new ChatFixture(mongo.store())) {
            String ana = f.user("ana");
            String ben = f.user("ben");
            f.stores.conversations().insert(new Conversations.Conversation("g-team", SpaceService.DEFAULT_SPACE_ID,
                    Conversations.GROUP, "Team", List.of(ana, ben), ana, Instant.now()));
            List<ServerMessage> toAna = f.inbox(ana);
            List<ServerMessage> toBen = f.inbox(ben);
            f.chat.send(ana, null, new ChatCommand.Send("conv:g-team", "first", "client-0001", null, "r1"));
            await().atMost(Duration.ofSeconds(10)).until(() -> toAna.stream()
                    .anyMatch(m -> m instanceof ChatEvent.Ack a && "r1".equals(a.ref())));

            // Deliveries leave after the acknowledgement, from the fan-out thread.
            await().atMost(Duration.ofSeconds(10)).until(() -> toBen.stream()
                    .anyMatch(m -> m instanceof ChatEvent.Message));

            mongo.store().close();
            RuntimeException refused = null;
            try {
                f.chat.send(ana, null, new ChatCommand.Send("conv:g-team", "second", "client-0002", null, "r2"));
            } catch (RuntimeException e) {
                refused = e;
            }
            if (refused != null) {
                // Refused at once: something the send reads (a cache that had expired) came from the store.
                assertThat(ChatErrors.isStorageFailure(refused)).as(refused.toString()).isTrue();
            } else {
                // Taken, to be inserted with the next flush: that insert fails, and the sender is told.
                await().atMost(Duration.ofSeconds(10)).until(() -> toAna.stream()
                        .anyMatch(m -> m instanceof ServerMessage.Error e && "r2".equals(e.ref())));
                assertThat(toAna).filteredOn(m -> m instanceof ServerMessage.Error).singleElement()
                        .isInstanceOfSatisfying(ServerMessage.Error.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE.wire());
                            assertThat(e.retryAfterMs()).isPositive();
                        });
            }
            var error = ChatErrors.storeUnavailable();
            assertThat(HttpErrors.status(error.code())).isEqualTo(503);
            assertThat(error.retryAfter()).isPositive();

            // Whatever the committer still had queued fails instead of acknowledging.
            var failed = new java.util.concurrent.atomic.AtomicBoolean();
            f.commit.afterDurable(() -> { }, e -> failed.set(true));
            await().atMost(Duration.ofSeconds(10)).untilTrue(failed);
            f.fanout.close();   // publishes every delivery still queued
            assertThat(toAna).noneMatch(m -> m instanceof ChatEvent.Ack a && "r2".equals(a.ref()));
            assertThat(toBen).filteredOn(m -> m instanceof ChatEvent.Message).hasSize(1);
        }
    }
}
