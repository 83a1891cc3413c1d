package io.skyscope.server.space;

import io.skyscope.server.http.HttpErrors;
import static io.skyscope.server.space.SpaceService.DEFAULT_SPACE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.skyscope.server.Refused;
import io.skyscope.server.space.SpaceService.Member;
import io.skyscope.server.space.SpaceService.SpaceAccess;
import io.skyscope.server.store.Invites.Invite;
import io.skyscope.server.store.Spaces.Space;
import io.skyscope.server.testing.EmbeddedMongo;
import io.skyscope.server.testing.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SpaceServiceTest {
    @RegisterExtension
    final EmbeddedMongo mongo = new EmbeddedMongo();

    private TestServices s;
    private SpaceService spaces;
    private String admin;
    private String alice;
    private String bob;
    private String carol;

    @BeforeEach
    void setUp() {
        s = new TestServices(mongo.store());
        spaces = s.spaceService;
        // Listings are ordered by creation and join time: let every step happen at its own time.
        s.clock.advance(Duration.ofSeconds(1));
        Instant now = s.clock.instant();
        admin = s.users.create("admin", "Admin", "h", true, now).id();
        alice = s.users.create("alice", "Alice", "h", false, now).id();
        bob = s.users.create("bob", "Bob", "h", false, now).id();
        carol = s.users.create("carol", "Carol", "h", false, now).id();
    }

    @Test
    void defaultSpaceExistsAndIsAdoptedByTheFirstAdminAtStartUp() {
        Space office = s.spaces.find(DEFAULT_SPACE_ID).orElseThrow();
        assertThat(office.name()).isEqualTo("Office");
        assertThat(office.isPublic()).isTrue();
        assertThat(office.mapId()).isEqualTo("default-office");
        assertThat(office.mapVersion()).isEqualTo(1);
        assertThat(office.ownerId()).as("no admin existed when it was created").isNull();

        assertThat(spaces.ensureDefaultSpace().ownerId()).isEqualTo(admin);
        assertThat(spaces.role(admin, DEFAULT_SPACE_ID)).contains("owner");
        assertThat(spaces.adoptDefaultSpace(alice)).as("already owned").isFalse();
        assertThat(spaces.ensureDefaultSpace().ownerId()).isEqualTo(admin);
    }

    @Test
    void listShowsPublicSpacesAndOwnPrivateOnesWithRoles() {
        SpaceAccess pub = spaces.create(alice, "  Lobby ", null);
        s.clock.advance(Duration.ofSeconds(1));
        SpaceAccess priv = spaces.create(alice, "Secret", "private");
        assertThat(pub.space().name()).isEqualTo("Lobby");
        assertThat(pub.space().visibility()).isEqualTo("public");
        assertThat(priv.role()).isEqualTo("owner");

        assertThat(spaces.list(alice)).extracting(a -> a.space().id(), SpaceAccess::role)
                .containsExactly(tuple(DEFAULT_SPACE_ID, null), tuple(pub.space().id(), "owner"),
                        tuple(priv.space().id(), "owner"));
        assertThat(spaces.list(bob)).extracting(a -> a.space().id(), SpaceAccess::role)
                .containsExactly(tuple(DEFAULT_SPACE_ID, null), tuple(pub.space().id(), null));
        assertField(() -> spaces.create(alice, "", null), "name");
        assertField(() -> spaces.create(alice, "Ok", "secret"), "visibility");
    }

    @Test
    void privateSpacesAreNotFoundForNonMembers() {
        String secret = spaces.create(alice, "Secret", "private").space().id();

        assertStatus(() -> spaces.get(bob, secret), 404);
        assertStatus(() -> spaces.members(bob, secret), 404);
        assertStatus(() -> spaces.delete(bob, secret), 404);
        assertStatus(() -> spaces.createInvite(bob, secret), 404);
        assertStatus(() -> spaces.get(bob, "no-such-space"), 404);
        assertThat(catchApi(() -> spaces.get(bob, secret)).getMessage())
                .isEqualTo(catchApi(() -> spaces.get(bob, "no-such-space")).getMessage());
        assertThat(spaces.canJoin(bob, secret)).isFalse();
        assertStatus(() -> spaces.join(bob, secret), 404);
        assertThat(spaces.get(admin, secret).role()).as("server admins may see it").isNull();
    }

    @Test
    void joiningAPublicSpaceMakesAMember() {
        assertThat(spaces.canJoin(bob, DEFAULT_SPACE_ID)).isTrue();
        assertThat(spaces.role(bob, DEFAULT_SPACE_ID)).isEmpty();
        assertThat(spaces.join(bob, DEFAULT_SPACE_ID)).isEqualTo("member");
        assertThat(spaces.join(bob, DEFAULT_SPACE_ID)).isEqualTo("member");
        assertThat(spaces.role(bob, DEFAULT_SPACE_ID)).contains("member");
        assertThat(spaces.canJoin(bob, "no-such-space")).isFalse();
    }

    @Test
    void invitesAdmitPeopleToPrivateSpaces() {
        String secret = spaces.create(alice, "Secret", "private").space().id();
        Invite invite = spaces.createInvite(alice, secret);
        assertThat(invite.expiresAt()).isEqualTo(s.clock.instant().plus(Duration.ofDays(7)));
        assertThat(spaces.usableInvite(invite.code())).isPresent();

        SpaceAccess joined = spaces.acceptInvite(bob, invite.code());
        assertThat(joined.role()).isEqualTo("member");
        assertThat(spaces.canJoin(bob, secret)).isTrue();
        assertThat(spaces.acceptInvite(alice, invite.code()).role()).as("owner keeps the role").isEqualTo("owner");
        assertStatus(() -> spaces.createInvite(bob, secret), 403);
        assertStatus(() -> spaces.acceptInvite(carol, "bogus"), 404);

        s.clock.advance(Duration.ofDays(7));
        assertStatus(() -> spaces.acceptInvite(carol, invite.code()), 404);
    }

    @Test
    void onlyTheOwnerChangesRolesAndAdminsCannotTouchTheOwner() {
        String id = spaces.create(alice, "Team", "private").space().id();
        for (String u : new String[] {bob, carol}) {
            s.clock.advance(Duration.ofSeconds(1));
            spaces.acceptInvite(u, spaces.createInvite(alice, id).code());
        }
        assertThat(spaces.setRole(alice, id, bob, "admin").role()).isEqualTo("admin");
        assertStatus(() -> spaces.setRole(bob, id, carol, "admin"), 403);
        assertStatus(() -> spaces.setRole(bob, id, alice, "member"), 403);
        assertStatus(() -> spaces.removeMember(bob, id, alice), 409);
        assertField(() -> spaces.setRole(alice, id, bob, "king"), "role");
        assertThat(catchApi(() -> spaces.setRole(alice, id, alice, "member")).code().wire()).isEqualTo("owner_role");

        // Admins may invite and remove plain members, not other admins.
        spaces.createInvite(bob, id);
        spaces.removeMember(bob, id, carol);
        assertThat(spaces.role(carol, id)).isEmpty();
        spaces.acceptInvite(carol, spaces.createInvite(bob, id).code());
        spaces.setRole(alice, id, carol, "admin");
        assertStatus(() -> spaces.removeMember(bob, id, carol), 403);
        spaces.removeMember(carol, id, carol);

        assertThat(spaces.members(alice, id)).extracting(Member::displayName, Member::role)
                .containsExactly(tuple("Alice", "owner"), tuple("Bob", "admin"));
    }

    @Test
    void handingOverMakesTheOldOwnerAnAdmin() {
        String id = spaces.create(alice, "Team", "public").space().id();
        spaces.join(bob, id);

        spaces.setRole(alice, id, bob, "owner");

        assertThat(spaces.get(alice, id).space().ownerId()).isEqualTo(bob);
        assertThat(spaces.role(alice, id)).contains("admin");
        assertThat(spaces.role(bob, id)).contains("owner");
        assertThat(spaces.ownedBy(alice)).isEmpty();
        assertStatus(() -> spaces.delete(alice, id), 403);
    }

    @Test
    void ownerOrServerAdminDeletesASpaceButNotTheDefaultOne() {
        String first = spaces.create(alice, "One", "public").space().id();
        String second = spaces.create(alice, "Two", "private").space().id();
        spaces.join(bob, first);
        Invite invite = spaces.createInvite(alice, first);

        assertStatus(() -> spaces.delete(bob, first), 403);
        spaces.delete(alice, first);
        spaces.delete(admin, second);

        assertStatus(() -> spaces.get(alice, first), 404);
        assertThat(s.memberships.ofSpace(first)).isEmpty();
        assertThat(s.invites.find(invite.code())).isEmpty();
        spaces.ensureDefaultSpace();
        assertThat(catchApi(() -> spaces.delete(admin, DEFAULT_SPACE_ID)).code().wire()).isEqualTo("default_space");
    }

    @Test
    void mapChangesNeedAnExistingMapAndAManager() {
        String id = spaces.create(alice, "Team", "public").space().id();
        spaces.join(bob, id);
        s.maps.save("hq", "{}", Map.of(), alice, s.clock.instant());

        assertThat(spaces.setMap(alice, id, "hq", 1).space().mapId()).isEqualTo("hq");
        assertThat(s.spaces.find(id).orElseThrow().mapVersion()).isEqualTo(1);
        assertField(() -> spaces.setMap(alice, id, "hq", 2), "mapVersion");
        assertStatus(() -> spaces.setMap(bob, id, "hq", 1), 403);
        spaces.setMap(alice, id, SpaceService.DEFAULT_MAP_ID, 1);
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    private static void assertField(ThrowingCallable call, String field) {
        Refused e = catchApi(call);
        assertThat(HttpErrors.status(e.code())).isEqualTo(400);
        assertThat(e.field()).isEqualTo(field);
    }

    private static void assertStatus(ThrowingCallable call, int status) {
        assertThat(HttpErrors.status(catchApi(call).code())).isEqualTo(status);
    }

    private static Refused catchApi(ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).isInstanceOf(Refused.class);
        return (Refused) t;
    }
}
