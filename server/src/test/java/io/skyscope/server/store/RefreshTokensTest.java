package io.skyscope.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.server.store.RefreshTokens.RefreshToken;
import io.skyscope.server.testing.EmbeddedMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RefreshTokensTest {
    @RegisterExtension
    final EmbeddedMongo mongo = new EmbeddedMongo();
    private final Instant now = Instant.parse("2026-11-01T09:00:00Z");
    private RefreshTokens tokens;

    @BeforeEach
    void setUp() {
        tokens = new RefreshTokens(mongo.store());
    }

    @Test
    void rawTokensAre32RandomBytesInBase64UrlAndAreNeverStored() {
        String raw = tokens.issue("u1", "f1", now, now.plus(Duration.ofDays(30)));

        assertThat(raw).matches("[A-Za-z0-9_-]{43}");
        assertThat(RefreshTokens.newRawToken()).isNotEqualTo(raw);
        Document stored = mongo.store().database().getCollection("refreshTokens").find().first();
        assertThat(stored.getString("_id")).isEqualTo(RefreshTokens.hash(raw)).matches("[0-9a-f]{64}");
        assertThat(stored.toJson()).doesNotContain(raw);
    }

    @Test
    void aTokenCanBeMarkedUsedOnlyOnce() {
        String raw = tokens.issue("u1", "f1", now, now.plusSeconds(60));

        RefreshToken used = tokens.markUsed(raw, now.plusSeconds(1)).orElseThrow();
        assertThat(used.usedAt()).isEqualTo(now.plusSeconds(1));
        assertThat(used.userId()).isEqualTo("u1");
        assertThat(used.familyId()).isEqualTo("f1");
        assertThat(tokens.markUsed(raw, now.plusSeconds(2))).isEmpty();
        assertThat(tokens.markUsed("unknown", now)).isEmpty();
    }

    @RepeatedTest(5)
    void ofManyConcurrentRefreshesWithOneTokenExactlyOneWins() throws Exception {
        String raw = tokens.issue("u1", "f1", now, now.plusSeconds(60));
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return tokens.markUsed(raw, now).isPresent();
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> r : results) {
                winners += r.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        }
    }

    @Test
    void revocationByFamilyAndByUser() {
        String a1 = tokens.issue("u1", "fa", now, now.plusSeconds(60));
        String a2 = tokens.issue("u1", "fa", now, now.plusSeconds(60));
        String b = tokens.issue("u1", "fb", now, now.plusSeconds(60));
        String other = tokens.issue("u2", "fc", now, now.plusSeconds(60));

        assertThat(tokens.revokeFamily("fa")).isEqualTo(2);
        assertThat(tokens.find(a1).orElseThrow().revoked()).isTrue();
        assertThat(tokens.find(a2).orElseThrow().revoked()).isTrue();
        assertThat(tokens.find(b).orElseThrow().revoked()).isFalse();
        assertThat(tokens.markUsed(a2, now)).as("revoked tokens cannot be used").isEmpty();

        assertThat(tokens.revokeAllOf("u1")).isEqualTo(3);
        assertThat(tokens.find(b).orElseThrow().revoked()).isTrue();
        assertThat(tokens.find(other).orElseThrow().revoked()).isFalse();
        assertThat(tokens.deleteAllOf("u1")).isEqualTo(3);
        assertThat(tokens.count()).isEqualTo(1);
    }

    @Test
    void expiredTokensArePurged() {
        tokens.issue("u1", "f1", now, now.plusSeconds(10));
        String live = tokens.issue("u1", "f2", now, now.plusSeconds(100));

        assertThat(tokens.deleteExpired(now.plusSeconds(50))).isEqualTo(1);
        assertThat(tokens.find(live)).isPresent();
        assertThat(tokens.find(live).orElseThrow().expiredAt(now.plusSeconds(100))).isTrue();
    }
}
