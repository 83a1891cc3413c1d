package io.skyscope.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The server's Prometheus metrics, served at {@code GET /metrics}. Thread-safe: counters and
 * timers are updated from session, owner and HTTP threads.
 */
public final class ServerMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final AtomicInteger connections = new AtomicInteger();
    private final Counter framesIn;
    private final Counter framesOut;
    private final Counter framesRefused;
    private final Counter slowClients;
    private final Counter moveCorrections;
    private final Timer moveLatency;
    private final Timer tickDuration;
    private final Counter voiceLinksEstablished;
    private final Timer voiceSetup;

    public ServerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("skyscope.ws.connections", connections, AtomicInteger::get)
                .description("Open WebSocket connections").register(registry);
        framesIn = Counter.builder("skyscope.ws.frames.in").description("WebSocket frames received").register(registry);
        framesOut = Counter.builder("skyscope.ws.frames.out").description("WebSocket frames sent").register(registry);
        framesRefused = Counter.builder("skyscope.ws.frames.refused")
                .description("Frames refused as malformed or over the rate limit").register(registry);
        slowClients = Counter.builder("skyscope.ws.slow.clients")
                .description("Connections closed because their outbound queue overflowed").register(registry);
        moveCorrections = Counter.builder("skyscope.moves.corrected")
                .description("Moves refused (walls, bounds, speed)").register(registry);
        moveLatency = Timer.builder("skyscope.move.latency")
                .description("From a move frame's arrival to its validation by the space owner")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
        tickDuration = Timer.builder("skyscope.space.tick")
                .description("Time a space owner spends building one tick of presence updates")
                .publishPercentiles(0.5, 0.99).register(registry);
        voiceLinksEstablished = Counter.builder("skyscope.voice.links.established")
                .description("Voice links set up (voice.join sent to both sides); rate() gives set-ups per minute")
                .register(registry);
        voiceSetup = Timer.builder("skyscope.voice.setup")
                .description("From voice.join to the answering side's first signal (its SDP answer) being relayed")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
    }

    /** Registers a gauge read on every scrape. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    /** Registers a counter (for a component that counts its own events, e.g. the Redis bus). */
    public Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    public void connectionOpened() {
        connections.incrementAndGet();
    }

    public void connectionClosed() {
        connections.decrementAndGet();
    }

    public void frameIn() {
        framesIn.increment();
    }

    public void frameOut() {
        framesOut.increment();
    }

    public void frameRefused() {
        framesRefused.increment();
    }

    public void slowClientDropped() {
        slowClients.increment();
    }

    public void moveCorrected() {
        moveCorrections.increment();
    }

    /** {@code receivedNanos} is the {@link System#nanoTime()} the move arrived at: latency is a duration. */
    public void moveValidated(long receivedNanos) {
        moveLatency.record(Duration.ofNanos(System.nanoTime() - receivedNanos));
    }

    public void tick(long nanos) {
        tickDuration.record(Duration.ofNanos(nanos));
    }

    public void voiceLinksEstablished(int links) {
        if (links > 0) {
            voiceLinksEstablished.increment(links);
        }
    }

    public void voiceSetup(long millis) {
        voiceSetup.record(Duration.ofMillis(millis));
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
