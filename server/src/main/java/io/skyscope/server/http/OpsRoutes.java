package io.skyscope.server.http;

import io.javalin.config.RoutesConfig;
import io.skyscope.server.bus.EventBus;
import io.skyscope.server.bus.RedisEventBus;
import io.skyscope.server.metrics.ServerMetrics;
import io.skyscope.server.store.MongoStore;
import io.skyscope.server.world.MediaStages;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /health} (storage and bus status, the media server's, and which optional features
 * are on) and {@code GET /metrics} (Prometheus). A media server that is down does not make the
 * node unhealthy: stages fall back to direct links.
 */
public final class OpsRoutes {
    private final MongoStore store;
    private final EventBus bus;
    private final ServerMetrics metrics;
    private final boolean email;
    private Supplier<MediaStages.Availability> media;

    /** @param email whether email features (codes, password reset) are configured */
    public OpsRoutes(MongoStore store, EventBus bus, ServerMetrics metrics, boolean email) {
        this.store = store;
        this.bus = bus;
        this.metrics = metrics;
        this.email = email;
    }

    /** Reports the media server's availability (none given: "not_configured"). */
    public OpsRoutes media(Supplier<MediaStages.Availability> availability) {
        this.media = availability;
        return this;
    }

    public void register(RoutesConfig routes) {
        routes.get("/health", ctx -> {
            boolean storage = store.healthy();
            boolean busUp = bus.healthy();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", storage && busUp ? "up" : "down");
            body.put("storage", Map.of("status", storage ? "up" : "down",
                    "kind", store.embedded() ? "embedded" : "mongodb"));
            Map<String, Object> busBody = new LinkedHashMap<>();
            busBody.put("status", busUp ? "up" : "down");
            busBody.put("kind", bus.kind());
            if (bus instanceof RedisEventBus redis) {
                busBody.put("node", redis.nodeId());
                busBody.put("connects", redis.connects());
            }
            body.put("bus", busBody);
            body.put("media", mediaBody());
            body.put("features", Map.of("email", email));
            ctx.status(storage && busUp ? 200 : 503).json(body);
        });
        routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape()));
    }

    private Map<String, Object> mediaBody() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (media == null) {
            out.put("status", "not_configured");
            return out;
        }
        MediaStages.Availability now = media.get();
        out.put("status", now.up() ? "up" : "down");
        out.put("since", now.since().toString());
        if (now.reason() != null) {
            out.put("reason", now.reason());
        }
        return out;
    }
}
