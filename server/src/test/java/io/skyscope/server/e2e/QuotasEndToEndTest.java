package io.skyscope.server.e2e;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyscope.map.TestMaps;
import io.skyscope.protocol.Json;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.SpaceView;
import io.skyscope.server.config.ServerConfig.Quotas;
import io.skyscope.server.space.SpaceService;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What one user may create, how fast, and how much of it is kept: map uploads (versions stored,
 * parsed maps cached, storage per space), spaces and group invitations, and the lists that grow
 * with them coming a page at a time. Everything over real HTTP against the real server.
 */
class QuotasEndToEndTest {
    private static final int CACHE = 3;
    private static final int KEPT = 2;
    private static final int UPLOADS_PER_HOUR = 15;
    private static final int SPACES_PER_USER = 5;
    private static final int CREATES_PER_HOUR = 8;
    private static final int INVITES_PER_HOUR = 10;
    private static final String[] ROOM = MapUploadTest.ROOM;

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c.withQuotas(new Quotas(
            CACHE, KEPT, UPLOADS_PER_HOUR, 1024 * 1024, SPACES_PER_USER, CREATES_PER_HOUR, INVITES_PER_HOUR,
            Quotas.defaults().storeCacheMb())));

    @BeforeAll
    static void theFirstAccountOwnsTheDefaultSpace() {
        // Registered first, it becomes server admin and owner of "office"; the others own nothing yet.
        SERVER.register("admin");
    }

    @Test
    void manyUploadsKeepAFewVersionsStoredAndAFewMapsParsed() throws Exception {
        AuthResponse owner = SERVER.register("mapper");
        String spaceId = createSpace(owner, "Uploads").body().get("id").asText();
        int last = 0;
        for (int i = 0; i < 12; i++) {
            Reply answer = upload(owner, spaceId, smallPng());
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
            last = answer.body().get("mapVersion").asInt();
        }

        var stored = SERVER.server().store().database().getCollection("maps");
        assertThat(stored.countDocuments(eq("mapId", spaceId))).isEqualTo(KEPT);
        assertThat(stored.countDocuments(eq("_id", spaceId + ":" + last))).isEqualTo(1);
        assertThat(stored.countDocuments(eq("mapId", SpaceService.DEFAULT_MAP_ID))).isEqualTo(1);
        assertThat(metric("skyscope_maps_parsed_cached")).isBetween(1.0, (double) CACHE);
        assertThat(SERVER.api().space(owner.accessToken(), spaceId).mapVersion()).isEqualTo(last);
        assertThat(SERVER.api().map(owner.accessToken(), spaceId, last).get("width").asInt()).isEqualTo(10);
    }

    @Test
    void aFloodOfUploadsIsRefusedWith429AndRetryAfter() throws Exception {
        AuthResponse owner = SERVER.register("flooder");
        String spaceId = createSpace(owner, "Flood").body().get("id").asText();
        byte[] png = smallPng();
        Flood flood = flood(UPLOADS_PER_HOUR + 1, 200, () -> upload(owner, spaceId, png));
        assertThat(flood.accepted()).isEqualTo(UPLOADS_PER_HOUR);
        flood.assertRateLimited();
    }

    @Test
    void aSpaceKeepsNoMoreMapBytesThanItsQuota() throws Exception {
        AuthResponse owner = SERVER.register("hoarder");
        String spaceId = createSpace(owner, "Hoard").body().get("id").asText();
        byte[] big = noisePng(400);
        assertThat(big.length).isBetween(600_000, 900_000);

        assertThat(upload(owner, spaceId, big).status()).isEqualTo(200);
        Reply second = upload(owner, spaceId, big);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.body().get("code").asText()).isEqualTo("quota_exceeded");
        assertThat(SERVER.server().store().database().getCollection("maps").countDocuments(eq("mapId", spaceId)))
                .isEqualTo(1);
    }

    @Test
    void oneUserOwnsAtMostTheirQuotaOfSpaces() {
        AuthResponse owner = SERVER.register("collector");
        for (int i = 0; i < SPACES_PER_USER; i++) {
            assertThat(createSpace(owner, "Mine " + i).status()).isEqualTo(201);
        }
        Reply over = createSpace(owner, "One more");
        assertThat(over.status()).isEqualTo(409);
        assertThat(over.body().get("code").asText()).isEqualTo("quota_exceeded");
    }

    @Test
    void aFloodOfSpaceCreationsIsRefusedWith429AndRetryAfter() {
        AuthResponse owner = SERVER.register("churner");
        Flood flood = flood(CREATES_PER_HOUR + 1, 201, () -> {
            Reply reply = createSpace(owner, "Churn");
            if (reply.status() == 201) {
                // Delete at once, so the quota of owned spaces is never what stops it.
                assertThat(send("DELETE", "api/v1/spaces/" + reply.body().get("id").asText(), owner, null).status())
                        .isEqualTo(204);
            }
            return reply;
        });
        assertThat(flood.accepted()).isEqualTo(CREATES_PER_HOUR);
        flood.assertRateLimited();
    }

    @Test
    void aFloodOfGroupInvitationsIsRefusedWith429AndRetryAfter() {
        AuthResponse attacker = SERVER.register("spammer");
        AuthResponse victim = SERVER.register("victim");
        AuthResponse other = SERVER.register("bystander");
        for (AuthResponse user : List.of(attacker, victim, other)) {
            SERVER.join(user, SpaceService.DEFAULT_SPACE_ID);
        }
        String body = "{\"participants\":[\"" + victim.userId() + "\",\"" + other.userId() + "\"],\"title\":\"Hi\"}";
        Flood flood = flood(INVITES_PER_HOUR, 201, () -> group(attacker, body));
        int groups = flood.accepted();
        assertThat(groups).isEqualTo(INVITES_PER_HOUR / 2);
        flood.assertRateLimited();

        // The victim's list comes a page at a time, newest first, each group once.
        List<String> seen = new ArrayList<>();
        String before = null;
        for (int page = 0; page < 10; page++) {
            JsonNode list = send("GET", "api/v1/spaces/" + SpaceService.DEFAULT_SPACE_ID + "/conversations?limit=2"
                    + (before == null ? "" : "&before=" + before), victim, null).body();
            assertThat(list.get("conversations").size()).isLessThanOrEqualTo(2);
            list.get("conversations").forEach(c -> seen.add(c.get("id").asText()));
            before = list.path("nextBefore").asText(null);
            if (before == null) {
                break;
            }
        }
        assertThat(seen).hasSize(groups).doesNotHaveDuplicates();
    }

    @Test
    void manyInvitersTogetherCannotBuryOnePersonInGroups() {
        AuthResponse victim = SERVER.register("target");
        SERVER.join(victim, SpaceService.DEFAULT_SPACE_ID);
        // Each inviter may add 10 people an hour: 5 groups of two, 15 for the three of them.
        List<String> bodies = new ArrayList<>();
        List<AuthResponse> inviters = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            AuthResponse inviter = SERVER.register("sybil");
            AuthResponse accomplice = SERVER.register("accomplice");
            SERVER.join(inviter, SpaceService.DEFAULT_SPACE_ID);
            SERVER.join(accomplice, SpaceService.DEFAULT_SPACE_ID);
            for (int i = 0; i < INVITES_PER_HOUR / 2; i++) {
                inviters.add(inviter);
                bodies.add("{\"participants\":[\"" + victim.userId() + "\",\"" + accomplice.userId() + "\"]}");
            }
        }
        var next = new AtomicInteger();
        Flood flood = flood(bodies.size(), 201, () -> {
            int i = next.getAndIncrement();
            return group(inviters.get(i), bodies.get(i));
        });
        assertThat(flood.accepted()).isEqualTo(INVITES_PER_HOUR);
        flood.assertRateLimited();
        assertThat(flood.refused().body().get("message").asText()).contains("for this person");
    }

    @Test
    void theSpaceListComesAPageAtATimeAndOldClientsStillGetEverything() {
        AuthResponse reader = SERVER.register("reader");
        for (int i = 0; i < 3; i++) {
            createSpace(reader, "Listed " + i);
        }
        List<String> paged = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 100; page++) {
            JsonNode list = send("GET", "api/v1/spaces?limit=2" + (after == null ? "" : "&after=" + after), reader,
                    null).body();
            assertThat(list.get("spaces").size()).isLessThanOrEqualTo(2);
            list.get("spaces").forEach(s -> paged.add(s.get("id").asText()));
            after = list.path("nextAfter").asText(null);
            if (after == null) {
                break;
            }
        }
        List<String> whole = SERVER.api().spaces(reader.accessToken()).spaces().stream().map(SpaceView::id).toList();
        assertThat(paged).hasSizeGreaterThanOrEqualTo(4).doesNotHaveDuplicates().isEqualTo(whole);
        JsonNode unpaged = send("GET", "api/v1/spaces", reader, null).body();
        assertThat(unpaged.get("spaces").size()).isEqualTo(whole.size());
        assertThat(unpaged.has("nextAfter")).isFalse();
    }

    // --- helpers ---

    private record Reply(int status, JsonNode body, String retryAfter) {
    }

    /** How many attempts were accepted before the first refusal, and that refusal (or null). */
    private record Flood(int accepted, Reply refused) {
        void assertRateLimited() {
            assertThat(refused).as("a refusal after %d accepted", accepted).isNotNull();
            assertThat(refused.status()).as(refused.body().toString()).isEqualTo(429);
            assertThat(Long.parseLong(refused.retryAfter())).isPositive();
        }
    }

    /** Makes up to {@code attempts} attempts, stopping at the first answer other than {@code ok}. */
    private static Flood flood(int attempts, int ok, Supplier<Reply> attempt) {
        for (int i = 0; i < attempts; i++) {
            Reply reply = attempt.get();
            if (reply.status() != ok) {
                return new Flood(i, reply);
            }
        }
        return new Flood(attempts, null);
    }

    private static Reply group(AuthResponse inviter, String body) {
        return send("POST", "api/v1/spaces/" + SpaceService.DEFAULT_SPACE_ID + "/conversations", inviter, body);
    }

    private static Reply createSpace(AuthResponse user, String name) {
        return send("POST", "api/v1/spaces", user, "{\"name\":\"" + name + "\",\"visibility\":\"public\"}");
    }

    private static Reply send(String method, String path, AuthResponse user, String json) {
        var request = HttpRequest.newBuilder(SERVER.base().resolve(path))
                .header("Authorization", "Bearer " + user.accessToken())
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        return reply(exchange(request));
    }

    private static Reply reply(HttpResponse<String> response) {
        try {
            JsonNode body = response.body().isEmpty() ? null : Json.lenient().readTree(response.body());
            return new Reply(response.statusCode(), body, response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw new AssertionError(response.body(), e);
        }
    }

    /** Uploads the small room map with {@code png} as its tileset image, as a multipart PUT. */
    private static Reply upload(AuthResponse user, String spaceId, byte[] png) {
        String boundary = "quota-test-boundary";
        var body = new ByteArrayOutputStream();
        part(body, boundary, "map", "map.tmj", TestMaps.bytes(TestMaps.tmj(ROOM)));
        part(body, boundary, "image", "test.png", png);
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(SERVER.base().resolve("api/v1/spaces/" + spaceId + "/map"))
                .header("Authorization", "Bearer " + user.accessToken())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        return reply(exchange(request));
    }

    private static void part(ByteArrayOutputStream body, String boundary, String name, String file, byte[] content) {
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                + file + "\"\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return SERVER.http().send(request.timeout(ServerExtension.TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static double metric(String name) {
        String text = SERVER.api().send("GET", "metrics", null, null, String.class);
        return text.lines().filter(l -> l.startsWith(name + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(name.length() + 1).strip()))
                .orElseThrow(() -> new AssertionError("no metric " + name));
    }

    private static byte[] smallPng() throws IOException {
        return noisePng(8);
    }

    /** A PNG of random pixels, which does not compress: about 4 bytes per pixel. */
    private static byte[] noisePng(int side) throws IOException {
        var image = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
        var random = new Random(side);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
