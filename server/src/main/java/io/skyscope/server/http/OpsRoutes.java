package io.skyscope.server.http;

import io.javalin.config.RoutesConfig;
import io.skyscope.server.bus.EventBus;
import io.skyscope.server.bus.RedisEventBus;
import io.skyscope.server.metrics.ServerMetrics;
import io.skyscope.server.store.MongoStore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health} (storage and bus status, and which optional features are on) and
 * {@code GET /metrics} (Prometheus).
 */
public final class OpsRoutes {
    private final MongoStore store;
    private final EventBus bus;
    private final ServerMetrics metrics;
    private final boolean email;

    /** @param email whether email features (codes, password reset) are configured */
    public OpsRoutes(MongoStore store, EventBus bus, ServerMetrics metrics, boolean email) {
        this.store = store;
        this.bus = bus;
        this.metrics = metrics;
        this.email = email;
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
            body.put("features", Map.of("email", email));
            ctx.status(storage && busUp ? 200 : 503).json(body);
        });
        routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape()));
    }
}
