package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.ApiError;
import io.skyscope.client.Connection;
import io.skyscope.map.TestMaps;
import io.skyscope.protocol.Json;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.space.SpaceService;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An admin uploads a map over REST; it is validated, stored as a new version, and a running space switches. */
class MapUploadTest {
    private static final String OFFICE = SpaceService.DEFAULT_SPACE_ID;
    /** A small valid room (10 × 4 tiles, spawn at 1,1); other upload tests use it too. */
    static final String[] ROOM = {
            "##########",
            "#S.......#",
            "#........#",
            "##########"};

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();
    private static AuthResponse admin;

    @BeforeAll
    static void firstAccountIsTheAdmin() {
        admin = SERVER.register("root");
        assertThat(SERVER.api().me(admin.accessToken()).serverAdmin()).isTrue();
    }

    @Test
    void anAdminUploadsAMapAndPeopleInTheSpaceSwitchToIt() throws Exception {
        AuthResponse guest = SERVER.register("guest");
        Connection inside = SERVER.join(guest, OFFICE);

        var response = upload(admin, OFFICE, TestMaps.bytes(TestMaps.tmj(ROOM)), Map.of("test.png", png()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        int version = Json.strict().readTree(response.body()).get("mapVersion").asInt();

        var changed = inside.await(ServerMessage.MapChanged.class, TIMEOUT);
        assertThat(changed.mapId()).isEqualTo(OFFICE);
        assertThat(changed.mapVersion()).isEqualTo(version);
        String stored = SERVER.api().send("GET", "api/v1/maps/" + OFFICE + "?version=" + version,
                guest.accessToken(), null, String.class);
        assertThat(Json.strict().readTree(stored).get("width").asInt()).isEqualTo(10);
        // The guest stood somewhere that is now outside the small map: back at its spawn.
        var back = inside.await(ServerMessage.Correction.class, TIMEOUT);
        assertThat(back.reason()).isEqualTo("map_changed");
        assertThat(new double[] {back.x(), back.y()}).containsExactly(48, 48);
        assertThat(inside.world().snapshot().self().x()).isEqualTo(48);

        Connection later = SERVER.join(SERVER.register("late"), OFFICE);
        assertThat(later.world().snapshot().space().mapVersion()).isEqualTo(version);
    }

    @Test
    void anInvalidMapIsRefusedSayingWhatIsWrong() throws Exception {
        String[] noSpawn = {"####", "#..#", "####"};
        var response = upload(admin, OFFICE, TestMaps.bytes(TestMaps.tmj(noSpawn)), Map.of("test.png", png()));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("spawn");

        var missingImage = upload(admin, OFFICE, TestMaps.bytes(TestMaps.tmj(ROOM)), Map.of());
        assertThat(missingImage.statusCode()).isEqualTo(400);
        assertThat(missingImage.body()).contains("test.png");

        var notPng = upload(admin, OFFICE, TestMaps.bytes(TestMaps.tmj(ROOM)),
                Map.of("test.png", "GIF89a".getBytes(StandardCharsets.US_ASCII)));
        assertThat(notPng.statusCode()).isEqualTo(400);
        assertThat(notPng.body()).contains("not a PNG");
    }

    @Test
    void onlyOwnersAndAdminsMayUpload() throws Exception {
        AuthResponse member = SERVER.register("member");
        SERVER.join(member, OFFICE);
        var response = upload(member, OFFICE, TestMaps.bytes(TestMaps.tmj(ROOM)), Map.of("test.png", png()));
        assertThat(response.statusCode()).isEqualTo(403);
    }

    private static byte[] png() throws IOException {
        var out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB), "png", out);
        return out.toByteArray();
    }

    /** The status and body of an upload, as the server answered it. */
    private record Answer(int statusCode, String body) {
    }

    private static Answer upload(AuthResponse user, String spaceId, byte[] tmj, Map<String, byte[]> images) {
        try {
            return new Answer(200, SERVER.api().uploadMap(user.accessToken(), spaceId, tmj, images).toString());
        } catch (ApiError e) {
            return new Answer(e.status(), e.getMessage());
        }
    }
}
