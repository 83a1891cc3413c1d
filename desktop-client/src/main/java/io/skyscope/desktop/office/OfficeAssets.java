package io.skyscope.desktop.office;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyscope.desktop.map.OfficeMap;
import io.skyscope.client.Tokens;
import io.skyscope.map.Tileset;
import io.skyscope.protocol.PngHeader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javafx.scene.image.Image;

/**
 * A space's map and its tileset images, downloaded over REST. Blocking: call from a background
 * thread (JavaFX images may be decoded off the FX thread).
 */
public record OfficeAssets(OfficeMap map, Map<String, Image> tilesetImages) {

    public OfficeAssets {
        tilesetImages = Map.copyOf(tilesetImages);
    }

    public static OfficeAssets download(Tokens session, String mapId, int version) {
        JsonNode json = session.api().map(session.accessToken(), mapId, version);
        OfficeMap map = OfficeMap.read(json);
        Map<String, Image> images = new HashMap<>();
        for (Tileset t : map.tilesets()) {
            if (t.image() != null && !images.containsKey(t.image())) {
                images.put(t.image(), image(session, mapId, version, t.image()));
            }
        }
        return new OfficeAssets(map, images);
    }

    /** Reads a tileset image, refusing one over {@code max} bytes without reading more than that. */
    static byte[] readAtMost(String name, InputStream in, int max) throws IOException {
        byte[] bytes = in.readNBytes(max + 1);
        if (bytes.length > max) {
            throw new IllegalStateException("the tileset image '" + name + "' is larger than " + max + " bytes");
        }
        return bytes;
    }

    /**
     * Refuses, from its header alone, a tileset image that is not a PNG or declares more pixels
     * than {@link PngHeader#sane} allows: decoding one would take gigabytes of memory.
     *
     * @throws IllegalStateException saying which image and why
     */
    static void requireSanePng(String name, byte[] png) {
        PngHeader header;
        try {
            header = PngHeader.read(png);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the tileset image '" + name + "' is not a PNG file");
        }
        if (!header.sane()) {
            throw new IllegalStateException("the tileset image '" + name + "' is too big a picture: "
                    + header.problem());
        }
    }

    private static Image image(Tokens session, String mapId, int version, String name) {
        var uri = session.api().base().resolve("api/v1/maps/" + mapId + "/images/"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + "?version=" + version);
        var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + session.accessToken()).GET().build();
        try {
            HttpResponse<InputStream> response = session.api().http().send(request, HttpResponse.BodyHandlers.ofInputStream());
            byte[] png;
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("the server has no tileset image '" + name + "' for map " + mapId
                            + " (HTTP " + response.statusCode() + ")");
                }
                png = readAtMost(name, body, PngHeader.MAX_BYTES);
            }
            requireSanePng(name, png);
            Image image = new Image(new ByteArrayInputStream(png));
            if (image.isError()) {
                throw new IllegalStateException("the tileset image '" + name + "' is not a picture the app can read");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("could not download the tileset image '" + name + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
