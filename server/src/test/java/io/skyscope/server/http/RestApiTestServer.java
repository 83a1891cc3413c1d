package io.skyscope.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.skyscope.protocol.Json;
import io.skyscope.protocol.rest.ErrorBody;
import io.skyscope.server.auth.RegistrationMode;
import io.skyscope.server.store.MongoStore;
import io.skyscope.server.testing.TestServices;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The REST routes on a real Javalin server on a free port, backed by the real services on an
 * embedded store, and a real HTTP client to call them.
 */
final class RestApiTestServer implements AutoCloseable {
    final TestServices services;
    private final Javalin app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    RestApiTestServer(MongoStore store, RegistrationMode mode) {
        services = new TestServices(store, mode, null);
        Authenticator authenticator = new Authenticator(services.access);
        app = Javalin.create(cfg -> {
            new HttpErrors().register(cfg.routes);
            new AuthRoutes(services.auth, authenticator).register(cfg.routes);
            new SpaceRoutes(services.spaceService, authenticator).register(cfg.routes);
            cfg.routes.get("/api/v1/test/boom", ctx -> {
                throw new IllegalStateException("internal detail that must not leak");
            });
        }).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    record Response(int status, String body, HttpResponse<String> raw) {
        <T> T as(Class<T> type) {
            try {
                return Json.lenient().readValue(body, type);
            } catch (JsonProcessingException e) {
                throw new AssertionError("Not a " + type.getSimpleName() + ": " + body, e);
            }
        }

        ErrorBody error() {
            return as(ErrorBody.class);
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Response call(String method, String path, String token, Object body) {
        try {
            String json = body == null ? null : body instanceof String s ? s : Json.strict().writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(10))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Response get(String path, String token) {
        return call("GET", path, token, null);
    }

    Response post(String path, String token, Object body) {
        return call("POST", path, token, body);
    }

    @Override
    public void close() {
        app.stop();
        http.close();
    }
}
