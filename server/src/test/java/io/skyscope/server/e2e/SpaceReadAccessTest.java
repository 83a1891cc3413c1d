package io.skyscope.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.ApiError;
import io.skyscope.map.TestMaps;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.InviteView;
import io.skyscope.server.space.SpaceService;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may read what a space holds besides its chat: a private space's map and images only those
 * who may see the space (or the uploader); unread counts only its members who are not banned.
 */
class SpaceReadAccessTest {
    private static final String OFFICE = SpaceService.DEFAULT_SPACE_ID;

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();
    private static AuthResponse admin;
    private static AuthResponse owner;
    private static String hidden;
    private static int version;

    @BeforeAll
    static void aPrivateSpaceWithItsOwnMap() throws IOException {
        admin = SERVER.register("admin");
        owner = SERVER.register("owner");
        hidden = SERVER.api().createSpace(owner.accessToken(), "Hidden", "private").id();
        version = SERVER.api().uploadMap(owner.accessToken(), hidden, TestMaps.bytes(TestMaps.tmj(MapUploadTest.ROOM)),
                Map.of("test.png", png())).get("mapVersion").asInt();
    }

    @Test
    void anOutsiderCannotReadAPrivateSpacesMapOrImages() {
        AuthResponse outsider = SERVER.register("outsider");
        assertThat(status(outsider, "api/v1/maps/" + hidden + "?version=" + version)).isEqualTo(404);
        assertThat(status(outsider, "api/v1/maps/" + hidden)).isEqualTo(404);
        assertThat(status(outsider, "api/v1/maps/" + hidden + "/images/test.png?version=" + version)).isEqualTo(404);
        assertThat(status(outsider, "api/v1/maps/" + SpaceService.DEFAULT_MAP_ID + "?version=1")).isEqualTo(200);
    }

    @Test
    void membersAndTheUploaderCanReadIt() {
        AuthResponse member = SERVER.register("member");
        InviteView invite = SERVER.api().send("POST", "api/v1/spaces/" + hidden + "/invites", owner.accessToken(), null,
                InviteView.class);
        SERVER.api().send("POST", "api/v1/invites/" + invite.code() + "/accept", member.accessToken(), null,
                String.class);
        for (AuthResponse reader : new AuthResponse[] {member, owner}) {
            assertThat(status(reader, "api/v1/maps/" + hidden + "?version=" + version)).isEqualTo(200);
            assertThat(status(reader, "api/v1/maps/" + hidden + "/images/test.png?version=" + version)).isEqualTo(200);
        }
    }

    @Test
    void unreadCountsAreForMembersWhoAreNotBanned() {
        AuthResponse outsider = SERVER.register("stranger");
        assertThat(status(outsider, "api/v1/spaces/" + hidden + "/unread")).isEqualTo(404);
        assertThat(status(outsider, "api/v1/spaces/" + OFFICE + "/unread")).isEqualTo(403);

        AuthResponse member = SERVER.register("regular");
        SERVER.join(member, OFFICE);
        assertThat(status(member, "api/v1/spaces/" + OFFICE + "/unread")).isEqualTo(200);

        AuthResponse banned = SERVER.register("troll");
        SERVER.join(banned, OFFICE);
        SERVER.api().send("PUT", "api/v1/spaces/" + OFFICE + "/bans/" + banned.userId(), admin.accessToken(), null,
                String.class);
        assertThat(status(banned, "api/v1/spaces/" + OFFICE + "/unread")).isEqualTo(403);
    }

    private static int status(AuthResponse user, String path) {
        try {
            SERVER.api().send("GET", path, user.accessToken(), null, String.class);
            return 200;
        } catch (ApiError e) {
            return e.status();
        }
    }

    private static byte[] png() throws IOException {
        var out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB), "png", out);
        return out.toByteArray();
    }
}
