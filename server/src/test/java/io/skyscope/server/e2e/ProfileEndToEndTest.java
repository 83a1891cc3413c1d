package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyscope.client.ApiError;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.Profile;
import io.skyscope.protocol.rest.ProfileCard;
import io.skyscope.protocol.rest.ProfileUpdate;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Profile cards and photos over real HTTP: the card's fields and their limits, a photo uploaded
 * as PNG or JPEG and served square in each size with caching headers, the limits checked before
 * decoding (bytes, pixels declared in the header, a decompression bomb, not an image), and who may
 * see a card or photo (themselves and people who share a space).
 */
class ProfileEndToEndTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    @Test
    void theCardShowsBioPronounsJobTitleAndTimeZoneToPeopleWhoShareASpace() {
        AuthResponse ana = SERVER.register("ana");
        AuthResponse ben = SERVER.register("ben");
        AuthResponse cal = SERVER.register("cal");
        SERVER.shareASpace(ana, ben);

        Profile mine = SERVER.api().updateProfile(ana.accessToken(), new ProfileUpdate(null, null, null, null,
                "Draws maps for a living.", "she/her", "Cartographer", "Europe/Paris"));

        assertThat(mine.bio()).isEqualTo("Draws maps for a living.");
        ProfileCard seen = SERVER.api().profileCard(ben.accessToken(), ana.userId());
        assertThat(seen.bio()).isEqualTo("Draws maps for a living.");
        assertThat(seen.pronouns()).isEqualTo("she/her");
        assertThat(seen.jobTitle()).isEqualTo("Cartographer");
        assertThat(seen.timeZone()).isEqualTo("Europe/Paris");
        assertThat(seen.displayName()).isEqualTo(mine.displayName());
        assertThat(SERVER.api().profileCard(ana.accessToken(), ana.userId()).jobTitle()).isEqualTo("Cartographer");
        assertRefused(() -> SERVER.api().profileCard(cal.accessToken(), ana.userId()), 404, "not_found");
        assertRefused(() -> SERVER.api().profileCard(ben.accessToken(), UUID.randomUUID().toString()), 404,
                "not_found");

        // Limits, each naming its field; nothing is written when one is wrong.
        assertField(() -> update(ana, "x".repeat(501), null, null, null), "bio");
        assertField(() -> update(ana, null, "p".repeat(41), null, null), "pronouns");
        assertField(() -> update(ana, null, null, "j".repeat(101), null), "jobTitle");
        assertField(() -> update(ana, "fine", null, null, "Mars/Olympus_Mons"), "timeZone");
        assertField(() -> update(ana, "fine", null, null, "+02:00"), "timeZone");
        assertThat(SERVER.api().me(ana.accessToken()).bio()).isEqualTo("Draws maps for a living.");
        // Empty clears.
        Profile cleared = update(ana, "", null, null, "");
        assertThat(cleared.bio()).isNull();
        assertThat(cleared.timeZone()).isNull();
        assertThat(cleared.jobTitle()).isEqualTo("Cartographer");
    }

    @Test
    void aPhotoIsCroppedSquareScaledAndServedWithCachingHeaders() throws Exception {
        AuthResponse dee = SERVER.register("dee");
        AuthResponse eli = SERVER.register("eli");
        AuthResponse fox = SERVER.register("fox");
        SERVER.shareASpace(dee, eli);

        Profile withPhoto = SERVER.api().uploadPhoto(dee.accessToken(), image(300, 200, "png"), "image/png");

        assertThat(withPhoto.photo()).isNotNull();
        assertThat(SERVER.api().profileCard(eli.accessToken(), dee.userId()).photo()).isEqualTo(withPhoto.photo());
        for (int size : new int[] {32, 64, 128}) {
            BufferedImage served = ImageIO.read(new java.io.ByteArrayInputStream(
                    SERVER.api().photo(eli.accessToken(), dee.userId(), size)));
            assertThat(served.getWidth()).isEqualTo(size);
            assertThat(served.getHeight()).isEqualTo(size);
        }
        // Cropped to the centre: the red bands at the left and right edges are gone.
        BufferedImage big = ImageIO.read(new java.io.ByteArrayInputStream(
                SERVER.api().photo(dee.accessToken(), dee.userId(), 128)));
        assertThat(new Color(big.getRGB(2, 64)).getBlue()).isGreaterThan(200);

        HttpResponse<byte[]> first = rawPhoto(eli, dee.userId(), null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("image/png"));
        assertThat(first.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("private", "max-age="));
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).contains(withPhoto.photo());
        assertThat(rawPhoto(eli, dee.userId(), etag).statusCode()).isEqualTo(304);

        // Only people who share a space see it.
        assertRefused(() -> SERVER.api().photo(fox.accessToken(), dee.userId(), 64), 404, "not_found");
        assertRefused(() -> SERVER.api().photo(eli.accessToken(), dee.userId(), 50), 400, "invalid_field");

        // A JPEG replaces it with a new version; the old ETag no longer matches.
        Profile jpeg = SERVER.api().uploadPhoto(dee.accessToken(), image(120, 160, "jpeg"), "image/jpeg");
        assertThat(jpeg.photo()).isNotEqualTo(withPhoto.photo());
        assertThat(rawPhoto(eli, dee.userId(), etag).statusCode()).isEqualTo(200);
        assertThat(SERVER.api().deletePhoto(dee.accessToken()).photo()).isNull();
        assertRefused(() -> SERVER.api().photo(eli.accessToken(), dee.userId(), 64), 404, "not_found");
    }

    @Test
    void aDeletedAccountTakesItsPhotoWithIt() throws Exception {
        AuthResponse hal = SERVER.register("hal");
        SERVER.api().uploadPhoto(hal.accessToken(), image(64, 64, "png"), "image/png");
        var photos = SERVER.server().store().database().getCollection("profilePhotos");
        assertThat(photos.countDocuments(new org.bson.Document("_id", hal.userId()))).isEqualTo(1);

        SERVER.api().send("DELETE", "api/v1/me", hal.accessToken(),
                new io.skyscope.protocol.rest.AccountDeletion("violet harbor lantern " + hal.username()), Void.class);

        assertThat(photos.countDocuments(new org.bson.Document("_id", hal.userId()))).isZero();
    }

    @Test
    void photosBeyondTheLimitsAreRefusedBeforeDecoding() throws Exception {
        AuthResponse gus = SERVER.register("gus");
        String token = gus.accessToken();

        byte[] huge = new byte[4 * 1024 * 1024 + 1];
        System.arraycopy(image(10, 10, "png"), 0, huge, 0, 8);
        // Refused by its declared length: the answer must reach the client every time, not a broken connection.
        for (int i = 0; i < 20; i++) {
            assertRefused(() -> SERVER.api().uploadPhoto(token, huge, "image/png"), 413, "too_large");
        }
        // A PNG that says it is 30000×30000: a few kilobytes that would inflate to 3.6 GB.
        assertRefused(() -> SERVER.api().uploadPhoto(token, bombPng(30_000, 30_000), "image/png"), 413, "too_large");
        // A JPEG whose frame header declares 7000×7000.
        assertRefused(() -> SERVER.api().uploadPhoto(token, jpegHeader(7000, 7000), "image/jpeg"), 413, "too_large");
        assertRefused(() -> SERVER.api().uploadPhoto(token, "hello, not a picture".getBytes(StandardCharsets.UTF_8),
                "image/png"), 400, "invalid_field");
        // Within the limits by its header, but not a real image after it.
        byte[] cutShort = java.util.Arrays.copyOf(image(40, 40, "png"), 45);
        assertRefused(() -> SERVER.api().uploadPhoto(token, cutShort, "image/png"), 400, "invalid_field");
        assertRefused(() -> SERVER.api().uploadPhoto(token, image(10, 10, "png"), "text/plain"), 400, "invalid_field");
        assertThat(SERVER.api().me(token).photo()).isNull();
    }

    private static Profile update(AuthResponse user, String bio, String pronouns, String jobTitle, String zone) {
        return SERVER.api().updateProfile(user.accessToken(), new ProfileUpdate(null, null, null, null, bio, pronouns,
                jobTitle, zone));
    }

    private static HttpResponse<byte[]> rawPhoto(AuthResponse viewer, String userId, String ifNoneMatch)
            throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create(SERVER.base() + "api/v1/users/" + userId + "/photo?size=64"))
                .header("Authorization", "Bearer " + viewer.accessToken());
        if (ifNoneMatch != null) {
            b.header("If-None-Match", ifNoneMatch);
        }
        return SERVER.http().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Blue in the middle, red bands at the sides of a wide image (cropping removes them). */
    private static byte[] image(int width, int height, String format) throws IOException {
        var img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        int side = Math.min(width, height);
        g.fillRect((width - side) / 2, (height - side) / 2, side, side);
        g.dispose();
        var out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    /** A PNG declaring {@code width}×{@code height} RGBA whose data is a little deflated zeros. */
    private static byte[] bombPng(int width, int height) throws IOException {
        var out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 6)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        var deflater = new Deflater(9);
        deflater.setInput(new byte[1 << 20]);
        deflater.finish();
        byte[] buf = new byte[1 << 16];
        int n = deflater.deflate(buf);
        deflater.end();
        chunk(out, "IDAT", java.util.Arrays.copyOf(buf, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        var crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** The start of a baseline JPEG: SOI, then a frame header declaring the size. */
    private static byte[] jpegHeader(int width, int height) {
        return ByteBuffer.allocate(2 + 19 + 100).put((byte) 0xff).put((byte) 0xd8)
                .put((byte) 0xff).put((byte) 0xc0).putShort((short) 17).put((byte) 8)
                .putShort((short) height).putShort((short) width).put((byte) 3)
                .put(new byte[] {1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1}).array();
    }

    private static void assertField(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiError.class, e -> {
            assertThat(e.status()).as(e.getMessage()).isEqualTo(400);
            assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
        });
    }
}
