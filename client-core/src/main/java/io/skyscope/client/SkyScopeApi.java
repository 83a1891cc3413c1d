package io.skyscope.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.skyscope.protocol.PresenceEncoding;
import io.skyscope.protocol.Json;
import io.skyscope.protocol.rest.AuthOptions;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.EmailAddress;
import io.skyscope.protocol.rest.EmailLogin;
import io.skyscope.protocol.rest.EmailVerification;
import io.skyscope.protocol.rest.PasswordReset;
import io.skyscope.protocol.rest.LoginRequest;
import io.skyscope.protocol.rest.MemberList;
import io.skyscope.protocol.rest.Profile;
import io.skyscope.protocol.rest.ProfileCard;
import io.skyscope.protocol.rest.ProfileUpdate;
import io.skyscope.protocol.rest.RefreshRequest;
import io.skyscope.protocol.rest.RegisterRequest;
import io.skyscope.protocol.rest.SpaceCreate;
import io.skyscope.protocol.rest.SpaceList;
import io.skyscope.protocol.rest.SpaceView;
import io.skyscope.protocol.rest.SsoAuthorization;
import io.skyscope.protocol.rest.SsoFinish;
import io.skyscope.protocol.rest.SsoStart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The REST side of a SkyScope server. Thread-safe. Methods that need a user take the access token
 * explicitly, so one instance serves many users (bots, tests).
 */
public final class SkyScopeApi {
    /** Most pages a call that returns a whole list follows, so a misbehaving server cannot loop it forever. */
    public static final int MAX_PAGES = 100;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /**
     * Bodies larger than this ask the server to accept them before they are sent ({@code Expect:
     * 100-continue}): a server that refuses an upload by its declared length (413) answers before a
     * byte of it travels, instead of closing the connection under a client still sending, which can
     * lose the answer and leave only a broken connection.
     */
    static final long CONTINUE_ABOVE_BYTES = 64 * 1024;

    private final URI base;
    private final HttpClient http;

    public SkyScopeApi(URI base) {
        this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    public SkyScopeApi(URI base, HttpClient http) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.http = http;
    }

    public URI base() {
        return base;
    }

    public HttpClient http() {
        return http;
    }

    /** The WebSocket address for an access token. */
    /** The WebSocket address, receiving positions in JSON. */
    public URI webSocketUri(String accessToken) {
        return webSocketUri(accessToken, PresenceEncoding.JSON);
    }

    /** The WebSocket address, receiving positions in {@code presence} ({@link PresenceEncoding}). */
    public URI webSocketUri(String accessToken, PresenceEncoding presence) {
        String scheme = base.getScheme().equals("https") ? "wss" : "ws";
        return URI.create(scheme + "://" + base.getRawAuthority() + base.getRawPath() + "ws?token=" + accessToken
                + (presence == PresenceEncoding.BINARY ? "&presence=binary" : ""));
    }

    public AuthResponse register(String username, String password, String displayName) {
        return send("POST", "api/v1/auth/register", null,
                new RegisterRequest(username, password, displayName, null), AuthResponse.class);
    }

    public AuthResponse register(RegisterRequest request) {
        return send("POST", "api/v1/auth/register", null, request, AuthResponse.class);
    }

    public AuthResponse login(String username, String password) {
        return send("POST", "api/v1/auth/login", null, new LoginRequest(username, password), AuthResponse.class);
    }

    public AuthResponse refresh(String refreshToken) {
        return send("POST", "api/v1/auth/refresh", null, new RefreshRequest(refreshToken), AuthResponse.class);
    }

    public void logout(String refreshToken) {
        send("POST", "api/v1/auth/logout", null, new RefreshRequest(refreshToken), Void.class);
    }

    public Profile me(String token) {
        return send("GET", "api/v1/me", token, null, Profile.class);
    }

    public Profile updateProfile(String token, ProfileUpdate update) {
        return send("PATCH", "api/v1/me", token, update, Profile.class);
    }

    /** Someone's profile card; 404 unless you share a space with them (or it is you). */
    public ProfileCard profileCard(String token, String userId) {
        return send("GET", "api/v1/users/" + userId, token, null, ProfileCard.class);
    }

    /**
     * Sets your profile photo from a PNG or JPEG ({@code contentType} {@code image/png} or
     * {@code image/jpeg}); the server crops and scales it. Returns your profile (its {@code photo}
     * version changed).
     *
     * @throws ApiError 413 {@code too_large} for too many bytes or pixels, 400 for anything else
     */
    public Profile uploadPhoto(String token, byte[] image, String contentType) {
        return exchange("PUT", "api/v1/me/photo", token, contentType, HttpRequest.BodyPublishers.ofByteArray(image),
                Profile.class);
    }

    public Profile deletePhoto(String token) {
        return send("DELETE", "api/v1/me/photo", token, null, Profile.class);
    }

    /** Someone's photo as a square PNG of {@code size} pixels (32, 64 or 128). */
    public byte[] photo(String token, String userId, int size) {
        try {
            var request = HttpRequest.newBuilder(base.resolve("api/v1/users/" + userId + "/photo?size=" + size))
                    .timeout(TIMEOUT).header("Authorization", "Bearer " + token).GET().build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 400) {
                throw error(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET photo failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Whether the server sends email (codes, password reset), from {@code GET /health}. */
    public boolean emailEnabled() {
        return send("GET", "health", null, null, JsonNode.class).path("features").path("email").asBoolean(false);
    }

    /**
     * Sends a code to {@code email}; {@link #verifyEmail} with that code makes it the account's address.
     *
     * @throws ApiError 501 {@code email_not_configured} when the server has no SMTP server
     */
    public void addEmail(String token, String email) {
        send("POST", "api/v1/me/email", token, new EmailAddress(email), Void.class);
    }

    /** @throws ApiError 400 {@code code_invalid} or {@code code_expired}; 409 {@code email_taken} */
    public Profile verifyEmail(String token, String code) {
        return send("POST", "api/v1/me/email/verify", token, new EmailVerification(code), Profile.class);
    }

    public Profile removeEmail(String token) {
        return send("DELETE", "api/v1/me/email", token, null, Profile.class);
    }

    /** Asks for a sign-in code by email; answered the same whether the address has an account or not. */
    public void requestSignInCode(String email) {
        send("POST", "api/v1/auth/email/code", null, new EmailAddress(email), Void.class);
    }

    /** @throws ApiError 400 {@code code_invalid} or {@code code_expired} */
    public AuthResponse loginWithCode(String email, String code) {
        return send("POST", "api/v1/auth/email/login", null, new EmailLogin(email, code), AuthResponse.class);
    }

    /** Asks for a password-reset code by email; answered the same whether the address has an account or not. */
    public void requestPasswordReset(String email) {
        send("POST", "api/v1/auth/password-reset/code", null, new EmailAddress(email), Void.class);
    }

    /** Sets a new password with an emailed code; every sign-in of the account ends. */
    public void resetPassword(String email, String code, String newPassword) {
        send("POST", "api/v1/auth/password-reset", null, new PasswordReset(email, code, newPassword), Void.class);
    }

    /** Which ways in the server offers (password, email code, single sign-on and its label). */
    public AuthOptions authOptions() {
        return send("GET", "api/v1/auth/options", null, null, AuthOptions.class);
    }

    /**
     * Starts a single sign-on; {@link OidcSignIn} runs the whole flow.
     *
     * @throws ApiError 501 {@code sso_not_configured} when the server has none
     */
    public SsoAuthorization startSso(SsoStart request) {
        return send("POST", "api/v1/auth/sso/start", null, request, SsoAuthorization.class);
    }

    /** @throws ApiError 400 {@code sso_state_invalid} / {@code sso_state_expired}, 401 {@code sso_refused} */
    public AuthResponse finishSso(SsoFinish request) {
        return send("POST", "api/v1/auth/sso/finish", null, request, AuthResponse.class);
    }

    /**
     * Every space the caller may see, oldest first, following the server's pages (at most
     * {@value #MAX_PAGES} of them; a server older than pagination answers in one).
     */
    public SpaceList spaces(String token) {
        List<SpaceView> all = new ArrayList<>();
        String after = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            SpaceList list = spaces(token, after, null);
            all.addAll(list.spaces());
            after = list.nextAfter();
            if (after == null) {
                break;
            }
        }
        return new SpaceList(all, after);
    }

    /** One page of the spaces the caller may see, oldest first, after the cursor {@code after}. */
    public SpaceList spaces(String token, String after, Integer limit) {
        return send("GET", "api/v1/spaces" + ChatApi.query("after", after, "limit", limit), token, null,
                SpaceList.class);
    }

    public SpaceView space(String token, String spaceId) {
        return send("GET", "api/v1/spaces/" + spaceId, token, null, SpaceView.class);
    }

    /** The members of a space, in the order they joined (with their roles). */
    public MemberList members(String token, String spaceId) {
        return send("GET", "api/v1/spaces/" + spaceId + "/members", token, null,
                MemberList.class);
    }

    public SpaceView createSpace(String token, String name, String visibility) {
        return send("POST", "api/v1/spaces", token, new SpaceCreate(name, visibility), SpaceView.class);
    }

    /** The Tiled JSON of a map version. */
    public JsonNode map(String token, String mapId, int version) {
        return send("GET", "api/v1/maps/" + mapId + "?version=" + version, token, null, JsonNode.class);
    }

    /**
     * Uploads a Tiled map (JSON) and the tileset images it names (PNG, by file name) as the next map
     * version of a space; its owner or an admin only. Returns the server's answer (the space's map
     * id and version).
     *
     * @throws ApiError 400 naming what is wrong with the map, 403 for others
     */
    public JsonNode uploadMap(String token, String spaceId, byte[] tmj, Map<String, byte[]> images) {
        String boundary = "skyscope-" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        part(body, boundary, "map", "map.tmj", "application/json", tmj);
        images.forEach((file, png) -> part(body, boundary, "image", file, "image/png", png));
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return exchange("PUT", "api/v1/spaces/" + spaceId + "/map", token, "multipart/form-data; boundary=" + boundary,
                HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()), JsonNode.class);
    }

    private static void part(ByteArrayOutputStream body, String boundary, String name, String file, String type,
                             byte[] content) {
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                + file + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    /** Any request; {@code responseType} Void.class for no body. */
    public <T> T send(String method, String path, String token, Object body, Class<T> responseType) {
        try {
            return body == null
                    ? exchange(method, path, token, null, HttpRequest.BodyPublishers.noBody(), responseType)
                    : exchange(method, path, token, "application/json",
                            HttpRequest.BodyPublishers.ofString(Json.strict().writeValueAsString(body)), responseType);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode the body of " + method + " " + path, e);
        }
    }

    private <T> T exchange(String method, String path, String token, String contentType,
                           HttpRequest.BodyPublisher body, Class<T> responseType) {
        try {
            var builder = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                    .header("Accept", "application/json");
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            if (contentType != null) {
                builder.header("Content-Type", contentType);
            }
            builder.method(method, body);
            if (body.contentLength() > CONTINUE_ABOVE_BYTES) {
                builder.expectContinue(true);
            }
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw error(response.statusCode(), response.body());
            }
            if (responseType == Void.class || response.body().isEmpty()) {
                return null;
            }
            if (responseType == String.class) {
                return responseType.cast(response.body());
            }
            return Json.lenient().readValue(response.body(), responseType);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static ApiError error(int status, String text) {
        try {
            JsonNode body = Json.lenient().readTree(text);
            return new ApiError(status, body.path("code").asText("error"), body.path("message").asText(text),
                    body.path("field").asText(null));
        } catch (JsonProcessingException e) {
            return new ApiError(status, "error", text, null);
        }
    }
}
