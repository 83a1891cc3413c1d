package io.skyscope.server.auth;

import io.skyscope.server.http.HttpErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.skyscope.server.auth.HashingGate.Lane;
import io.skyscope.server.Refused;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gate on real threads: one worker, held busy by a job that waits for the test to let go. */
class HashingGateTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HashingGate gate = new HashingGate(
            new HashingGate.Limits(1, 8, 1, Duration.ofSeconds(10), Duration.ofMillis(300)));
    private final CountDownLatch hold = new CountDownLatch(1);

    @AfterEach
    void stop() {
        hold.countDown();
        gate.close();
    }

    @Test
    void signInsGoBeforeWaitingRegistrations() {
        HashingGate patient = new HashingGate(
                new HashingGate.Limits(1, 8, 8, Duration.ofSeconds(10), Duration.ofSeconds(10)));
        try {
            List<String> order = new CopyOnWriteArrayList<>();
            var busy = CompletableFuture.runAsync(() -> patient.run(Lane.NEW_ACCOUNT, this::holdOn));
            await().atMost(TIMEOUT).until(() -> patient.waiting(Lane.NEW_ACCOUNT) == 0 && !busy.isDone());
            var register = CompletableFuture.runAsync(() -> patient.run(Lane.NEW_ACCOUNT, () -> order.add("register")));
            await().atMost(TIMEOUT).until(() -> patient.waiting(Lane.NEW_ACCOUNT) == 1);
            var signIn = CompletableFuture.runAsync(() -> patient.run(Lane.SIGN_IN, () -> order.add("sign-in")));
            await().atMost(TIMEOUT).until(() -> patient.waiting(Lane.SIGN_IN) == 1);

            hold.countDown();
            CompletableFuture.allOf(busy, register, signIn).join();
            assertThat(order).containsExactly("sign-in", "register");
        } finally {
            patient.close();
        }
    }

    @Test
    void aFullLaneIsRefusedAtOnceWithRetryAfter() {
        CompletableFuture.runAsync(() -> gate.run(Lane.NEW_ACCOUNT, this::holdOn));
        await().atMost(TIMEOUT).until(() -> gate.waiting(Lane.NEW_ACCOUNT) == 0);
        CompletableFuture.runAsync(() -> gate.run(Lane.NEW_ACCOUNT, () -> 1));
        await().atMost(TIMEOUT).until(() -> gate.waiting(Lane.NEW_ACCOUNT) == 1);

        long start = System.nanoTime();
        assertThatThrownBy(() -> gate.run(Lane.NEW_ACCOUNT, () -> 1)).isInstanceOfSatisfying(Refused.class, e -> {
            assertThat(HttpErrors.status(e.code())).isEqualTo(503);
            assertThat(e.retryAfter()).isPositive();
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no waiting when full").isLessThan(TIMEOUT);
    }

    @Test
    void workThatWaitsTooLongIsDroppedNotDone() {
        AtomicInteger ran = new AtomicInteger();
        CompletableFuture.runAsync(() -> gate.run(Lane.NEW_ACCOUNT, this::holdOn));
        await().atMost(TIMEOUT).until(() -> gate.waiting(Lane.NEW_ACCOUNT) == 0);

        assertThatThrownBy(() -> gate.run(Lane.NEW_ACCOUNT, ran::incrementAndGet))
                .isInstanceOfSatisfying(Refused.class, e -> assertThat(HttpErrors.status(e.code())).isEqualTo(503));
        assertThat(gate.waiting(Lane.NEW_ACCOUNT)).isZero();
        hold.countDown();
        assertThat(gate.run(Lane.SIGN_IN, () -> "after")).isEqualTo("after");
        assertThat(ran).hasValue(0);
    }

    @Test
    void whatTheWorkThrowsReachesTheCaller() {
        assertThatThrownBy(() -> gate.run(Lane.NEW_ACCOUNT, () -> {
            throw Refused.badRequest("password", "too easy");
        })).isInstanceOfSatisfying(Refused.class, e -> assertThat(e.field()).isEqualTo("password"));
    }

    private boolean holdOn() {
        try {
            return hold.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
