package io.skyscope.server.store;

import io.skyscope.server.http.HttpErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyscope.protocol.Status;
import io.skyscope.server.Refused;
import io.skyscope.server.store.Users.User;
import io.skyscope.server.testing.EmbeddedMongo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UsersTest {
    @RegisterExtension
    final EmbeddedMongo mongo = new EmbeddedMongo();
    private final Instant now = Instant.parse("2026-11-01T09:00:00.123456Z");
    private Users users;

    @BeforeEach
    void setUp() {
        users = new Users(mongo.store());
    }

    @Test
    void createdUserIsFoundByIdAndByUsernameInAnyCase() {
        User alice = users.create("Alice", "Alice A.", "hash", false, now);

        assertThat(alice.avatar()).isEqualTo("a1");
        assertThat(alice.status()).isEqualTo(Status.AVAILABLE);
        assertThat(alice.createdAt()).isEqualTo(Instant.parse("2026-11-01T09:00:00.123Z"));
        assertThat(users.findById(alice.id())).contains(alice);
        assertThat(users.findByUsername("aLiCe")).contains(alice);
        assertThat(users.findByUsername("bob")).isEmpty();
        assertThat(users.count()).isEqualTo(1);
    }

    @Test
    void duplicateUsernameInAnotherCaseIsAConflictOnTheUsernameField() {
        users.create("alice", "Alice", "hash", false, now);

        assertThatThrownBy(() -> users.create("ALICE", "Other", "hash", false, now))
                .isInstanceOfSatisfying(Refused.class, e -> {
                    assertThat(HttpErrors.status(e.code())).isEqualTo(409);
                    assertThat(e.code().wire()).isEqualTo("username_taken");
                    assertThat(e.field()).isEqualTo("username");
                });
        assertThat(users.count()).isEqualTo(1);
    }

    @Test
    void profileUpdateChangesOnlyTheGivenFields() {
        User alice = users.create("alice", "Alice", "hash", false, now);

        User updated = users.updateProfile(alice.id(), null, "b7", Status.DND, "heads down").orElseThrow();
        assertThat(updated.displayName()).isEqualTo("Alice");
        assertThat(updated.avatar()).isEqualTo("b7");
        assertThat(updated.status()).isEqualTo(Status.DND);
        assertThat(updated.statusText()).isEqualTo("heads down");

        User cleared = users.updateProfile(alice.id(), "Al", null, null, "").orElseThrow();
        assertThat(cleared.displayName()).isEqualTo("Al");
        assertThat(cleared.status()).isEqualTo(Status.DND);
        assertThat(cleared.statusText()).isNull();
        assertThat(users.updateProfile("nobody", "x", null, null, null)).isEmpty();
    }

    @Test
    void passwordHashUpdateAndDelete() {
        User alice = users.create("alice", "Alice", "old", false, now);

        assertThat(users.updatePasswordHash(alice.id(), "new")).isTrue();
        assertThat(users.findById(alice.id()).orElseThrow().passwordHash()).isEqualTo("new");
        assertThat(users.delete(alice.id())).isTrue();
        assertThat(users.delete(alice.id())).isFalse();
        assertThat(users.findByUsername("alice")).isEmpty();
        assertThat(users.updatePasswordHash(alice.id(), "x")).isFalse();
    }

    @Test
    void firstAccountCanBeClaimedOnceAndOnlyOnAnEmptyServer() {
        assertThat(users.claimFirstAccount("alice")).isTrue();
        assertThat(users.claimFirstAccount("bob")).isFalse();

        users.releaseFirstAccount();
        users.create("carol", "Carol", "h", false, now);
        assertThat(users.claimFirstAccount("dave")).isFalse();
    }

    @Test
    void findsManyByIdAndTheFirstAdmin() {
        User a = users.create("alice", "Alice", "h", false, now);
        User b = users.create("bob", "Bob", "h", true, now.plusSeconds(5));
        users.create("carol", "Carol", "h", true, now.plusSeconds(10));

        assertThat(users.findByIds(List.of(a.id(), b.id(), "missing"))).containsExactlyInAnyOrder(a, b);
        assertThat(users.findByIds(List.of())).isEmpty();
        assertThat(users.firstServerAdmin()).contains(b);
    }
}
