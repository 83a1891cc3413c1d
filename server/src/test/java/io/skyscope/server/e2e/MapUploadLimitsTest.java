package io.skyscope.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyscope.client.ApiError;
import io.skyscope.map.TestMaps;
import io.skyscope.protocol.rest.AuthResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Uploads that cost more than they look: a tiny PNG that declares a gigantic picture, a part
 * bigger than the server reads, and a map whose images do not fit in one stored document. Each is
 * refused with a status and a message saying why, and nothing is stored.
 */
class MapUploadLimitsTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();
    private static AuthResponse owner;
    private static String spaceId;

    @BeforeAll
    static void aSpaceOfOnesOwn() {
        SERVER.register("admin");
        owner = SERVER.register("owner");
        spaceId = SERVER.api().createSpace(owner.accessToken(), "Limits", "public").id();
    }

    @Test
    void aPngDeclaringAGiganticPictureIsRefusedFromItsHeader() {
        ApiError refused = upload(TestMaps.tmj(MapUploadTest.ROOM), Map.of("test.png", png(42_000, 42_000, 0)));
        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.getMessage()).contains("42000 × 42000 pixels");
        assertThat(upload(TestMaps.tmj(MapUploadTest.ROOM), Map.of("test.png", png(64, 64, 0)))).isNull();
    }

    @Test
    void aPartOverTheServersLimitIs413NotA500() {
        ApiError refused = upload(TestMaps.tmj(MapUploadTest.ROOM), Map.of("test.png", png(64, 64, 5 * 1024 * 1024)));
        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.code()).isEqualTo("too_large");
    }

    @Test
    void aMapTooBigToStoreIs413NotA500() {
        ObjectNode map = TestMaps.tmj(MapUploadTest.ROOM);
        ArrayNode tilesets = (ArrayNode) map.get("tilesets");
        Map<String, byte[]> images = new LinkedHashMap<>();
        images.put("test.png", png(64, 64, 1_900_000));
        for (int i = 1; i < 9; i++) {
            ObjectNode extra = tilesets.get(0).deepCopy();
            extra.remove("tiles");
            extra.put("firstgid", 1 + 4 * i).put("name", "extra" + i).put("image", "extra" + i + ".png");
            tilesets.add(extra);
            images.put("extra" + i + ".png", png(64, 64, 1_900_000));
        }
        ApiError refused = upload(map, images);
        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.getMessage()).contains("together");
    }

    /** The server's refusal, or null if it took the map. */
    private static ApiError upload(ObjectNode map, Map<String, byte[]> images) {
        try {
            SERVER.api().uploadMap(owner.accessToken(), spaceId, TestMaps.bytes(map), images);
            return null;
        } catch (ApiError e) {
            return e;
        }
    }

    /**
     * A PNG signature and IHDR chunk declaring {@code width × height} pixels, then {@code padding}
     * random bytes and an IEND chunk. Only the header is ever read, so no pixel data is needed.
     */
    private static byte[] png(int width, int height, int padding) {
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width).putInt(height).put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0);
        var crc = new CRC32();
        crc.update(ihdr.array());
        byte[] tail = new byte[padding];
        new Random(padding).nextBytes(tail);
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4 + padding + 12)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue())
                .put(tail)
                .putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt(0xAE426082);
        return Arrays.copyOf(png.array(), png.position());
    }
}
