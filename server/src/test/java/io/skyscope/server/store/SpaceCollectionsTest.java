package io.skyscope.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.server.store.Invites.Invite;
import io.skyscope.server.store.Maps.MapVersion;
import io.skyscope.server.store.Memberships.Membership;
import io.skyscope.server.store.Spaces.Space;
import io.skyscope.server.testing.EmbeddedMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Spaces, Memberships, Invites and Maps against the embedded store. */
class SpaceCollectionsTest {
    @RegisterExtension
    final EmbeddedMongo mongo = new EmbeddedMongo();
    private final Instant now = Instant.parse("2026-11-01T09:00:00Z");

    @Test
    void spacesAreListedByVisibilityOwnerAndId() {
        Spaces spaces = new Spaces(mongo.store());
        Space pub = spaces.create("Lobby", Spaces.PUBLIC, "u1", "m", 1, now);
        Space priv = spaces.create("Secret", Spaces.PRIVATE, "u2", "m", 1, now.plusSeconds(1));

        assertThat(spaces.find(pub.id())).contains(pub);
        assertThat(spaces.listPublic()).containsExactly(pub);
        assertThat(spaces.findByIds(List.of(priv.id(), "nope"))).containsExactly(priv);
        assertThat(spaces.ownedBy("u2")).containsExactly(priv);
        assertThat(spaces.setMap(pub.id(), "other", 3)).isTrue();
        assertThat(spaces.find(pub.id()).orElseThrow().mapVersion()).isEqualTo(3);
        assertThat(spaces.delete(priv.id())).isTrue();
        assertThat(spaces.find(priv.id())).isEmpty();
    }

    @Test
    void ownerIsSetOnlyWhenThereIsNone() {
        Spaces spaces = new Spaces(mongo.store());
        Space office = new Space("office", "Office", Spaces.PUBLIC, null, "default-office", 1, now);
        assertThat(spaces.insertIfAbsent(office)).isTrue();
        assertThat(spaces.insertIfAbsent(office)).isFalse();

        assertThat(spaces.setOwnerIfNone("office", "admin1")).isTrue();
        assertThat(spaces.setOwnerIfNone("office", "admin2")).isFalse();
        assertThat(spaces.find("office").orElseThrow().ownerId()).isEqualTo("admin1");
    }

    @Test
    void membershipsAreKeyedBySpaceAndUser() {
        Memberships memberships = new Memberships(mongo.store());
        assertThat(memberships.addIfAbsent("s1", "u1", Memberships.OWNER, now)).isTrue();
        assertThat(memberships.addIfAbsent("s1", "u1", Memberships.MEMBER, now)).isFalse();
        memberships.put("s1", "u2", Memberships.MEMBER, now.plusSeconds(1));
        memberships.put("s2", "u2", Memberships.MEMBER, now);
        memberships.put("s1", "u2", Memberships.ADMIN, now);

        assertThat(memberships.find("s1", "u1")).contains(new Membership("s1", "u1", "owner", now));
        assertThat(memberships.ofSpace("s1")).extracting(Membership::userId, Membership::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("u1", "owner"),
                        org.assertj.core.groups.Tuple.tuple("u2", "admin"));
        assertThat(memberships.ofUser("u2")).extracting(Membership::spaceId).containsExactlyInAnyOrder("s1", "s2");
        assertThat(memberships.remove("s1", "u2")).isTrue();
        assertThat(memberships.deleteAllOfSpace("s1")).isEqualTo(1);
        assertThat(memberships.deleteAllOfUser("u2")).isEqualTo(1);
    }

    @Test
    void cachedMembershipsAndSpacesFollowEveryChangeAtOnce() {
        Memberships memberships = new Memberships(mongo.store());
        Spaces spaces = new Spaces(mongo.store());
        assertThat(mongo.store().ownedCacheMillis()).isPositive();
        assertThat(memberships.find("s1", "u1")).isEmpty();
        memberships.addIfAbsent("s1", "u1", Memberships.MEMBER, now);
        assertThat(memberships.find("s1", "u1")).map(Membership::role).contains("member");
        memberships.setRole("s1", "u1", Memberships.ADMIN);
        assertThat(memberships.find("s1", "u1")).map(Membership::role).contains("admin");
        memberships.remove("s1", "u1");
        assertThat(memberships.find("s1", "u1")).isEmpty();
        memberships.put("s1", "u1", Memberships.MEMBER, now);
        memberships.put("s2", "u1", Memberships.MEMBER, now);
        assertThat(memberships.find("s1", "u1")).isPresent();
        memberships.deleteAllOfSpace("s1");
        assertThat(memberships.find("s1", "u1")).isEmpty();
        assertThat(memberships.find("s2", "u1")).isPresent();
        memberships.deleteAllOfUser("u1");
        assertThat(memberships.find("s2", "u1")).isEmpty();

        Space space = spaces.create("Lobby", Spaces.PUBLIC, "u1", "m", 1, now);
        assertThat(spaces.find(space.id())).contains(space);
        spaces.setOwner(space.id(), "u2");
        assertThat(spaces.find(space.id()).orElseThrow().ownerId()).isEqualTo("u2");
        spaces.delete(space.id());
        assertThat(spaces.find(space.id())).isEmpty();
    }

    @Test
    void invitesAreConsumedUpToTheirLimitAndNotAfterExpiry() {
        Invites invites = new Invites(mongo.store());
        Invite invite = invites.create("s1", "u1", now, now.plus(Duration.ofDays(7)), 2);

        assertThat(invite.code()).matches("[A-Za-z0-9_-]{16}");
        assertThat(invites.consume(invite.code(), now).orElseThrow().uses()).isEqualTo(1);
        assertThat(invites.consume(invite.code(), now).orElseThrow().uses()).isEqualTo(2);
        assertThat(invites.consume(invite.code(), now)).isEmpty();
        invites.release(invite.code());
        assertThat(invites.consume(invite.code(), now)).isPresent();

        Invite later = invites.create("s1", "u1", now, now.plusSeconds(60), 5);
        assertThat(invites.consume(later.code(), now.plusSeconds(60))).isEmpty();
        assertThat(invites.consume("no-such-code", now)).isEmpty();
        assertThat(invites.deleteExpired(now.plusSeconds(61))).isEqualTo(1);
        assertThat(invites.deleteAllOfSpace("s1")).isEqualTo(1);
    }

    @Test
    void mapsAreVersionedWithTheirImages() {
        Maps maps = new Maps(mongo.store());
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};

        MapVersion v1 = maps.save("hq", "{\"v\":1}", Map.of("tiles.png", png), "u1", now);
        MapVersion v2 = maps.save("hq", "{\"v\":2}", Map.of(), "u1", now);

        assertThat(v1.version()).isEqualTo(1);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(maps.latest("hq").orElseThrow().tmj()).isEqualTo("{\"v\":2}");
        MapVersion loaded = maps.get("hq", 1).orElseThrow();
        assertThat(loaded.images()).containsOnlyKeys("tiles.png");
        assertThat(loaded.images().get("tiles.png")).containsExactly(png);
        assertThat(maps.exists("hq", 2)).isTrue();
        assertThat(maps.exists("hq", 3)).isFalse();
        assertThat(maps.latest("none")).isEmpty();
        assertThat(maps.deleteAll("hq")).isEqualTo(2);
    }
}
