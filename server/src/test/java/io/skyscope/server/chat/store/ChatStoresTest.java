package io.skyscope.server.chat.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyscope.server.testing.EmbeddedMongo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The chat collections against the embedded store through the real driver. */
class ChatStoresTest {
    private static final Instant T0 = Instant.parse("2026-11-03T10:00:00Z");

    @RegisterExtension
    final EmbeddedMongo mongo = new EmbeddedMongo();
    private ChatStores stores;

    @BeforeEach
    void open() {
        stores = ChatStores.open(mongo.store());
    }

    @Test
    void countersHandOutEveryNumberOnceUnderConcurrency() throws Exception {
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 400; i++) {
                pool.submit(() -> seen.add(stores.counters().next("s:office")));
            }
        }
        assertThat(seen).hasSize(400).contains(1L, 400L);
        assertThat(stores.counters().get("s:office")).isEqualTo(new ChatCounters.Counter(400, 1));
        stores.counters().raiseFloor("s:office", 10);
        stores.counters().raiseFloor("s:office", 5);
        assertThat(stores.counters().get("s:office").floor()).isEqualTo(10);
        assertThat(stores.counters().get("s:office").countAfter(0)).isEqualTo(391);
        assertThat(stores.counters().get("s:nowhere")).isEqualTo(new ChatCounters.Counter(0, 1));
    }

    @Test
    void sequencesHandOutNumbersFromMemoryAndStepOverWhatWasStoredAfterTheLastPersist() throws Exception {
        var local = new Sequences(stores.counters(), stores.messages(), stores.inboxes(), true);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 400; i++) {
                pool.submit(() -> seen.add(local.next("c:g-1")));
            }
        }
        assertThat(seen).hasSize(400).contains(1L, 400L);
        assertThat(stores.counters().get("c:g-1").seq()).as("not written yet").isZero();
        assertThat(local.counter("c:g-1").seq()).isEqualTo(400);
        local.persist();
        assertThat(stores.counters().get("c:g-1").seq()).isEqualTo(400);

        // Messages 401-403 and 405 were stored after the counter was written; then the server died.
        for (long seq : new long[] {401, 402, 403, 405}) {
            stores.messages().insert(message("c:g-1", seq, "u1", "client-" + seq, "m" + seq));
        }
        var afterRestart = new Sequences(stores.counters(), stores.messages(), stores.inboxes(), true);
        assertThat(afterRestart.next("c:g-1")).isEqualTo(406);
    }

    @Test
    void aBulkInsertSaysWhatBecameOfEachMessageAndOneRefusalStopsNoOther() {
        stores.messages().insert(message("s:office", 1, "u1", "client-0001", "stored before"));
        List<ChatMessages.Outcome> outcomes = stores.messages().insertEach(List.of(
                message("s:office", 2, "u1", "client-0002", "new"),
                message("s:office", 3, "u1", "client-0001", "a retry of one stored before"),
                message("s:office", 4, "u1", "client-0002", "a retry within the same write"),
                message("s:office", 2, "u2", "client-0009", "a number already taken"),
                message("s:office", 5, "u2", "client-0002", "another sender's own id")));
        assertThat(outcomes).containsExactly(ChatMessages.Outcome.STORED, ChatMessages.Outcome.DUPLICATE,
                ChatMessages.Outcome.DUPLICATE, ChatMessages.Outcome.FAILED, ChatMessages.Outcome.STORED);
        assertThat(stores.messages().findAll(IntStream.rangeClosed(1, 5).mapToObj(n -> ChatKeys.id("s:office", n))
                .toList()).values()).extracting(StoredMessage::text)
                .containsExactlyInAnyOrder("stored before", "new", "another sender's own id");
        assertThat(stores.messages().insertEach(List.of())).isEmpty();
    }

    @Test
    void aSecondMessageWithTheSameClientIdIsRefusedByTheUniqueIndex() {
        stores.messages().insert(message("s:office", 1, "u1", "client-0001", "hello"));
        assertThatThrownBy(() -> stores.messages().insert(message("s:office", 2, "u1", "client-0001", "again")))
                .isInstanceOf(ChatMessages.DuplicateSend.class);
        stores.messages().insert(message("s:office", 2, "u2", "client-0001", "other sender"));
        assertThat(stores.messages().findSent("u1", "client-0001")).get().extracting(StoredMessage::text)
                .isEqualTo("hello");
        assertThat(stores.messages().find(ChatKeys.id("s:office", 2))).get().extracting(StoredMessage::senderId)
                .isEqualTo("u2");
    }

    @Test
    void pagesSkipGapsAndStopAtTheFloor() {
        String key = "s:office";
        for (int i = 1; i <= 30; i++) {
            long seq = stores.counters().next(key);
            if (seq % 7 != 0) {
                stores.messages().insert(message(key, seq, "u1", "client-" + String.format("%04d", seq), "m" + seq));
            }
        }
        var counter = stores.counters().get(key);
        var first = SeqPages.newestFirst(stores.messages().collection(), key, Long.MAX_VALUE, counter, 10);
        assertThat(texts(first)).containsExactly("m30", "m29", "m27", "m26", "m25", "m24", "m23", "m22", "m20", "m19");
        var second = SeqPages.newestFirst(stores.messages().collection(), key,
                ChatKeys.parse("before", first.nextBefore()).seq(), counter, 10);
        assertThat(texts(second)).containsExactly("m18", "m17", "m16", "m15", "m13", "m12", "m11", "m10", "m9", "m8");
        var last = SeqPages.newestFirst(stores.messages().collection(), key,
                ChatKeys.parse("before", second.nextBefore()).seq(), counter, 10);
        assertThat(texts(last)).containsExactly("m6", "m5", "m4", "m3", "m2", "m1");
        assertThat(last.nextBefore()).isNull();

        stores.counters().raiseFloor(key, 4);
        var floored = SeqPages.newestFirst(stores.messages().collection(), key,
                ChatKeys.parse("before", second.nextBefore()).seq(), stores.counters().get(key), 10);
        assertThat(texts(floored)).containsExactly("m6", "m5", "m4");
        assertThat(floored.nextBefore()).isNull();
    }

    @Test
    void readMarkersOnlyMoveForwardAndClaimOneNotificationUntilRead() {
        stores.markers().advance("u1", "c:x", 5);
        stores.markers().advance("u1", "c:x", 3);
        assertThat(stores.markers().read("u1", "c:x")).isEqualTo(5);
        assertThat(stores.markers().read("u1", List.of("c:x", "c:y"))).containsEntry("c:x", 5L).containsEntry("c:y", 0L);
        assertThat(stores.markers().claimNotification("u1", "c:x")).isTrue();
        assertThat(stores.markers().claimNotification("u1", "c:x")).isFalse();
        stores.markers().advance("u1", "c:x", 6);
        assertThat(stores.markers().claimNotification("u1", "c:x")).isTrue();
    }

    @Test
    void aSendersOwnPositionCountsAtOnceAndIsWrittenWithTheFlush() {
        stores.markers().advance("u1", "c:x", 2);
        stores.markers().claimNotification("u1", "c:x");
        stores.markers().advanceOwn("u1", "c:x", 7);
        stores.markers().advanceOwn("u1", "c:x", 4);
        stores.markers().advanceOwn("u1", "s:office", 3);
        assertThat(stores.markers().read("u1", "c:x")).isEqualTo(7);
        assertThat(stores.markers().read("u1", List.of("c:x", "s:office", "c:y")))
                .containsEntry("c:x", 7L).containsEntry("s:office", 3L).containsEntry("c:y", 0L);
        assertThat(stores.markers().exists("u1", "s:office")).isTrue();
        // The position waiting cleared the pending notification, as a direct write would have.
        assertThat(stores.markers().claimNotification("u1", "c:x")).isTrue();

        stores.markers().persist();
        var reopened = new ReadMarkers(mongo.store());
        assertThat(reopened.read("u1", "c:x")).isEqualTo(7);
        assertThat(reopened.read("u1", "s:office")).isEqualTo(3);
    }

    @Test
    void notificationsCountWhatIsUnread() {
        for (int i = 0; i < 5; i++) {
            stores.notifications().create("u1", Notifications.MENTION, "office", "space", "s:office:000000000001",
                    "u2", "Ben", "hi @ana", T0);
        }
        assertThat(stores.notifications().state("u1").unread()).isEqualTo(5);
        assertThat(stores.notifications().markRead("u1", 2)).isTrue();
        assertThat(stores.notifications().markRead("u1", 2)).isTrue();
        assertThat(stores.notifications().markRead("u1", 99)).isFalse();
        assertThat(stores.notifications().state("u1").unread()).isEqualTo(4);
        stores.notifications().markAllRead("u1");
        stores.notifications().create("u1", Notifications.DM, "office", "conv:d-1", null, "u2", "Ben", "psst", T0);
        var state = stores.notifications().state("u1");
        assertThat(state.unread()).isEqualTo(1);
        var page = stores.notifications().page("u1", Long.MAX_VALUE, 10);
        var views = Notifications.views(page.documents(), state.readUpTo());
        assertThat(views).hasSize(6);
        assertThat(views.getFirst().read()).isFalse();
        assertThat(views.subList(1, 6)).allMatch(v -> v.read());
    }

    @Test
    void conversationsAreListedPerUserWithoutScanning() {
        var c = new Conversations.Conversation("d-1", "office", Conversations.DIRECT, null, List.of("u1", "u2"), "u1", T0);
        assertThat(stores.conversations().insert(c)).isTrue();
        assertThat(stores.conversations().insert(c)).isFalse();
        assertThat(stores.conversations().ofUser("u2")).extracting(Conversations.Conversation::id).containsExactly("d-1");
        stores.conversations().removeParticipant("d-1", "u2");
        assertThat(stores.conversations().ofUser("u2")).isEmpty();
        assertThat(stores.conversations().find("d-1").orElseThrow().participants()).containsExactly("u1");
    }

    @Test
    void sanctionsAndTheirState() {
        assertThat(stores.sanctions().isBanned("office", "u1")).isFalse();
        stores.sanctions().mute("office", "u1", T0.plusSeconds(60), "spam", "u9", T0);
        assertThat(stores.sanctions().find("office", "u1").orElseThrow().mutedAt(T0)).isTrue();
        assertThat(stores.sanctions().find("office", "u1").orElseThrow().mutedAt(T0.plusSeconds(61))).isFalse();
        stores.sanctions().ban("office", "u1", "still spam", "u9", T0);
        assertThat(stores.sanctions().isBanned("office", "u1")).isTrue();
        assertThat(stores.sanctions().ofSpace("office", T0)).hasSize(1);
        stores.sanctions().unban("office", "u1");
        stores.sanctions().unmute("office", "u1");
        assertThat(stores.sanctions().isBanned("office", "u1")).isFalse();
        assertThat(stores.sanctions().ofSpace("office", T0)).isEmpty();
    }

    @Test
    void messagesSurviveAReopenOfTheStore() {
        IntStream.rangeClosed(1, 3).forEach(i -> stores.messages().insert(message("c:g-1", i, "u1", "client-000" + i, "m" + i)));
        mongo.store().flush();
        stores = ChatStores.open(mongo.reopen());
        assertThat(stores.messages().findAll(List.of(ChatKeys.id("c:g-1", 1), ChatKeys.id("c:g-1", 3)))).hasSize(2);
    }

    static StoredMessage message(String key, long seq, String sender, String clientId, String text) {
        return new StoredMessage(ChatKeys.id(key, seq), "office", "space", sender, sender.toUpperCase(), clientId, text,
                T0.plusSeconds(seq), null, List.of(), null, false, List.of());
    }

    private static List<String> texts(SeqPages.Page page) {
        List<String> texts = new ArrayList<>();
        page.documents().forEach(d -> texts.add(d.getString("text")));
        return texts;
    }
}
