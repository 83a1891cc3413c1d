package io.skyscope.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.InviteView;
import io.skyscope.protocol.rest.MemberList;
import io.skyscope.protocol.rest.MemberView;
import io.skyscope.protocol.rest.RegisterRequest;
import io.skyscope.protocol.rest.RoleChange;
import io.skyscope.protocol.rest.SpaceCreate;
import io.skyscope.protocol.rest.SpaceList;
import io.skyscope.protocol.rest.SpaceView;
import io.skyscope.server.auth.RegistrationMode;
import io.skyscope.server.http.RestApiTestServer.Response;
import io.skyscope.server.space.SpaceService;
import io.skyscope.server.testing.EmbeddedMongo;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Space, member and invite routes end to end: real HTTP, real Javalin, real services and store. */
class SpaceRoutesTest {
    @RegisterExtension
    final EmbeddedMongo mongo = new EmbeddedMongo();
    private RestApiTestServer server;
    private String admin;
    private String alice;
    private String bob;
    private String bobId;

    @BeforeEach
    void start() {
        server = new RestApiTestServer(mongo.store(), RegistrationMode.OPEN);
        admin = register("admin").accessToken();
        alice = register("alice").accessToken();
        AuthResponse b = register("bob");
        bob = b.accessToken();
        bobId = b.userId();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private AuthResponse register(String username) {
        // Listings are ordered by creation and join time: let every step happen at its own time.
        server.services.clock.advance(Duration.ofSeconds(1));
        Response r = server.post("/api/v1/auth/register", null,
                new RegisterRequest(username, "velvet ladder 41", null, null));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.as(AuthResponse.class);
    }

    @Test
    void spacesCrud() {
        Response created = server.post("/api/v1/spaces", alice, new SpaceCreate("Design", "public"));
        assertThat(created.status()).isEqualTo(201);
        SpaceView design = created.as(SpaceView.class);
        assertThat(design.myRole()).isEqualTo("owner");
        assertThat(design.mapId()).isEqualTo(SpaceService.DEFAULT_MAP_ID);

        SpaceList bobsList = server.get("/api/v1/spaces", bob).as(SpaceList.class);
        assertThat(bobsList.spaces()).extracting(SpaceView::id).containsExactly(SpaceService.DEFAULT_SPACE_ID,
                design.id());
        assertThat(bobsList.spaces().get(1).myRole()).isNull();
        assertThat(server.get("/api/v1/spaces/" + design.id(), bob).as(SpaceView.class).name()).isEqualTo("Design");

        Response invalid = server.post("/api/v1/spaces", alice, new SpaceCreate("", "public"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.error().field()).isEqualTo("name");
        assertThat(server.get("/api/v1/spaces", null).status()).isEqualTo(401);

        assertThat(server.call("DELETE", "/api/v1/spaces/" + design.id(), bob, null).status()).isEqualTo(403);
        assertThat(server.call("DELETE", "/api/v1/spaces/" + design.id(), alice, null).status()).isEqualTo(204);
        assertThat(server.get("/api/v1/spaces/" + design.id(), alice).status()).isEqualTo(404);
        assertThat(server.call("DELETE", "/api/v1/spaces/" + SpaceService.DEFAULT_SPACE_ID, admin, null).status())
                .isEqualTo(409);
    }

    @Test
    void privateSpacesAreNotFoundForNonMembersUntilTheyAcceptAnInvite() {
        SpaceView secret = server.post("/api/v1/spaces", alice, new SpaceCreate("Secret", "private"))
                .as(SpaceView.class);

        Response hidden = server.get("/api/v1/spaces/" + secret.id(), bob);
        Response absent = server.get("/api/v1/spaces/no-such-space", bob);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.body()).isEqualTo(absent.body());
        assertThat(server.get("/api/v1/spaces/" + secret.id() + "/members", bob).status()).isEqualTo(404);
        assertThat(server.get("/api/v1/spaces", bob).as(SpaceList.class).spaces()).extracting(SpaceView::id)
                .doesNotContain(secret.id());
        assertThat(server.post("/api/v1/spaces/" + secret.id() + "/invites", bob, null).status()).isEqualTo(404);

        Response inviteResponse = server.post("/api/v1/spaces/" + secret.id() + "/invites", alice, null);
        assertThat(inviteResponse.status()).isEqualTo(201);
        InviteView invite = inviteResponse.as(InviteView.class);
        assertThat(invite.spaceId()).isEqualTo(secret.id());
        assertThat(invite.expiresAt()).isAfter(server.services.clock.instant().plusSeconds(6 * 24 * 3600));

        Response accepted = server.post("/api/v1/invites/" + invite.code() + "/accept", bob, null);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.as(SpaceView.class).myRole()).isEqualTo("member");
        assertThat(server.get("/api/v1/spaces/" + secret.id(), bob).status()).isEqualTo(200);
        assertThat(server.post("/api/v1/invites/bogus-code/accept", bob, null).status()).isEqualTo(404);
    }

    @Test
    void membersRolesAndRemoval() {
        SpaceView team = server.post("/api/v1/spaces", alice, new SpaceCreate("Team", "private")).as(SpaceView.class);
        String code = server.post("/api/v1/spaces/" + team.id() + "/invites", alice, null).as(InviteView.class).code();
        server.services.clock.advance(Duration.ofSeconds(1));
        server.post("/api/v1/invites/" + code + "/accept", bob, null);
        String members = "/api/v1/spaces/" + team.id() + "/members";

        assertThat(server.get(members, bob).as(MemberList.class).members()).extracting(MemberView::displayName,
                MemberView::role).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alice", "owner"),
                org.assertj.core.groups.Tuple.tuple("bob", "member"));

        Response promoted = server.call("PUT", members + "/" + bobId, alice, new RoleChange("admin"));
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.as(MemberView.class).role()).isEqualTo("admin");
        assertThat(server.call("PUT", members + "/" + bobId, bob, new RoleChange("member")).status()).isEqualTo(403);
        Response badRole = server.call("PUT", members + "/" + bobId, alice, new RoleChange("emperor"));
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.error().field()).isEqualTo("role");

        assertThat(server.call("DELETE", members + "/" + bobId, alice, null).status()).isEqualTo(204);
        assertThat(server.get("/api/v1/spaces/" + team.id(), bob).status()).isEqualTo(404);
    }
}
