package io.skyscope.server.world;

import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.bus.EventBus;
import io.skyscope.server.metrics.ServerMetrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one authority for a space: takes commands from any thread into a mailbox and runs them (moves
 * wait, without waking it, for the next tick or the next other command, whichever comes first), and
 * a tick every {@code tickMillis}, on its own platform thread against a {@link SpaceState}. It holds
 * no rules of its own: the state (or, for what concerns voice alone, its {@link SpaceVoice})
 * answers each command with {@link Delivery deliveries}, and every one of them leaves through the {@link EventBus} on the recipient's user topic, so the recipient's
 * connection may live on any node.
 *
 * <p>{@link System#nanoTime()} here only measures durations (the tick interval, a move's wait in
 * the mailbox); times of day come from the injected {@link Clock}.
 */
public final class SpaceOwner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpaceOwner.class);
    static final int MAILBOX_CAPACITY = 100_000;
    /** Commands run between two ticks when the ticks run back to back. */
    static final int COMMANDS_BETWEEN_TICKS = 1_000;

    private final SpaceState state;
    private final EventBus bus;
    private final ServerMetrics metrics;
    private final long tickNanos;
    private final LinkedBlockingQueue<SpaceCommand> mailbox = new LinkedBlockingQueue<>(MAILBOX_CAPACITY);
    /**
     * Moves wait here, without waking the owner, until the next tick: they are only sent at the
     * tick anyway, and a crowd's thousands of moves a second would otherwise wake the owner's
     * thread once each. Bounded like the mailbox; judged at the time each arrived.
     */
    private final ConcurrentLinkedQueue<SpaceCommand.Move> moves = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedMoves = new AtomicInteger();
    private final AtomicInteger population = new AtomicInteger();
    private final AtomicInteger voiceLinks = new AtomicInteger();
    private final AtomicInteger videoLinks = new AtomicInteger();
    private final AtomicInteger screenShares = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;
    private final Clock clock;
    private volatile long emptySinceMillis;

    private final ParallelDelivery delivery;

    public SpaceOwner(SpaceState state, EventBus bus, ServerMetrics metrics, int tickMillis, Clock clock) {
        this(state, bus, metrics, tickMillis, clock, new ParallelDelivery(1));
    }

    /** An owner whose ticks spread their deliveries with {@code delivery}. */
    public SpaceOwner(SpaceState state, EventBus bus, ServerMetrics metrics, int tickMillis, Clock clock,
                      ParallelDelivery delivery) {
        this.state = state;
        this.delivery = delivery;
        this.clock = clock;
        this.emptySinceMillis = clock.millis();
        this.bus = bus;
        this.metrics = metrics;
        this.tickNanos = TimeUnit.MILLISECONDS.toNanos(tickMillis);
        // A platform thread: as a virtual thread it queued behind hundreds of connections' threads
        // on the carriers, and a busy space's ticks came late (docs/benchmarks.md, load).
        this.thread = Thread.ofPlatform().daemon().name("space-" + state.info().id()).unstarted(this::run);
    }

    public SpaceOwner start() {
        thread.start();
        return this;
    }

    public String spaceId() {
        return state.info().id();
    }

    /** People present, as of the last command run. Readable from any thread. */
    public int population() {
        return population.get();
    }

    /** Voice links in the space, as of the last tick. Readable from any thread. */
    public int voiceLinks() {
        return voiceLinks.get();
    }

    /** Camera links (receiver-sender pairs, the sender's camera on), as of the last tick. Readable from any thread. */
    public int videoLinks() {
        return videoLinks.get();
    }

    /** People sharing their screen, as of the last tick. Readable from any thread. */
    public int screenShares() {
        return screenShares.get();
    }

    /** Since when nobody has been present (millis of the injected clock), or a future value if occupied. */
    public long emptySinceMillis() {
        return population.get() > 0 ? Long.MAX_VALUE : emptySinceMillis;
    }

    /** Queues a command; false if the owner is stopped or its mailbox is full. */
    public boolean submit(SpaceCommand command) {
        if (!running) {
            return false;
        }
        if (command instanceof SpaceCommand.Move move) {
            if (queuedMoves.incrementAndGet() > MAILBOX_CAPACITY) {
                queuedMoves.decrementAndGet();
                return false;
            }
            return moves.offer(move);
        }
        return mailbox.offer(command);
    }

    /**
     * Runs a read (or small update) against the space's state on the owner's thread and completes
     * with its result; other handlers (chat, voice) use this to see who is where.
     */
    public <T> java.util.concurrent.CompletableFuture<T> ask(java.util.function.Function<SpaceState, T> query) {
        var result = new java.util.concurrent.CompletableFuture<T>();
        if (!submit(new SpaceCommand.Ask<>(query, result))) {
            result.completeExceptionally(new IllegalStateException("space " + spaceId() + " is not running"));
        }
        return result;
    }

    private void run() {
        long nextTick = System.nanoTime() + tickNanos;
        while (running) {
            try {
                long wait = nextTick - System.nanoTime();
                SpaceCommand command = wait > 0 ? mailbox.poll(wait, TimeUnit.NANOSECONDS) : null;
                if (command != null) {
                    // What a client sent before this command is handled before it.
                    handleMoves();
                    handle(command);
                    continue;
                }
                if (System.nanoTime() >= nextTick) {
                    long started = System.nanoTime();
                    handleMoves();
                    deliver(state.tick());
                    metrics.tick(System.nanoTime() - started);
                    metrics.voiceLinksEstablished(state.voice().takeEstablished());
                    voiceLinks.set(state.voice().linkCount());
                    videoLinks.set(state.voice().videoLinkCount());
                    screenShares.set(state.voice().screenShareCount());
                    nextTick = Math.max(nextTick + tickNanos, System.nanoTime());
                    // A tick that took its whole period leaves no time to wait for commands before
                    // the next one: without this, joins, leaves and questions would wait for as long
                    // as the ticks run late (a crowd of 2,400 did that, and every later join timed out).
                    handleQueuedCommands();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("space {}: command failed", state.info().id(), e);
            }
        }
    }

    /**
     * Runs the commands already waiting, at most {@link #COMMANDS_BETWEEN_TICKS} of them (so that a
     * flood of commands cannot starve the ticks in turn), without waiting for more.
     */
    private void handleQueuedCommands() {
        for (int i = 0; i < COMMANDS_BETWEEN_TICKS; i++) {
            SpaceCommand command = mailbox.poll();
            if (command == null) {
                return;
            }
            handleMoves();
            handle(command); // one that throws is logged by the loop, which goes on
        }
    }

    private void handleMoves() {
        for (SpaceCommand.Move m; (m = moves.poll()) != null; ) {
            queuedMoves.decrementAndGet();
            handle(m);
        }
    }

    private void handle(SpaceCommand command) {
        switch (command) {
            case SpaceCommand.Join j -> deliver(state.arrive(j.request()));
            case SpaceCommand.Rejoin r -> {
                if (!state.contains(r.request().userId())) {
                    var q = r.request();
                    // Nobody is waiting for this welcome: it answers no request of the client's.
                    handle(new SpaceCommand.Join(new JoinRequest(q.userId(), q.sessionId(), q.displayName(), q.avatar(),
                            q.status(), q.statusText(), null, q.iceServers(), q.presence(), q.photo(), null)));
                }
            }
            case SpaceCommand.WelcomeAgain w -> deliver(state.welcomeAgain());
            case SpaceCommand.Leave l -> {
                state.leave(l.userId(), l.sessionId());
                acknowledge(l.userId(), l.ref(), "leave");
            }
            case SpaceCommand.Move m -> {
                var correction = state.move(m.userId(), m.x(), m.y(), m.seq(), System.nanoTime() - m.receivedNanos());
                metrics.moveValidated(m.receivedNanos());
                correction.ifPresent(c -> {
                    metrics.moveCorrected();
                    deliver(List.of(new Delivery(m.userId(), c)));
                });
            }
            case SpaceCommand.SetStatus s -> {
                state.status(s.userId(), s.status(), s.text());
                acknowledge(s.userId(), s.ref(), "status");
            }
            case SpaceCommand.Profile p -> state.profile(p.userId(), p.displayName(), p.avatar(), p.photo());
            case SpaceCommand.Ask<?> a -> a.run(state);
            case SpaceCommand.Signal s -> {
                List<Delivery> out = new ArrayList<>(1);
                state.voice().signal(s.from(), s.to(), s.payload(), s.ref(), out).ifPresent(metrics::voiceSetup);
                deliver(out);
            }
            case SpaceCommand.VoiceState v -> deliver(state.voiceState(v.userId(), v.muted(), v.speaking(), v.camera(),
                    v.screen()));
            case SpaceCommand.StageSpeaker s -> {
                List<Delivery> out = new ArrayList<>();
                if (state.voice().speaker(s.userId(), s.speaker(), state.userIds(), out)) {
                    LOG.info("space {}: user {} {} the speaker role {} user {}", spaceId(), s.actorId(),
                            s.speaker() ? "granted" : "revoked", s.speaker() ? "to" : "from", s.userId());
                }
                deliver(out);
                acknowledge(s.actorId(), s.ref(), "stage.speaker");
            }
            case SpaceCommand.StageHand h -> {
                List<Delivery> out = new ArrayList<>(4);
                state.voice().hand(h.userId(), h.raised(), h.ref(), out);
                deliver(out);
            }
            case SpaceCommand.WatchHands w -> {
                List<Delivery> out = new ArrayList<>(2);
                state.voice().watchHands(w.userId(), w.ref(), out);
                deliver(out);
            }
            case SpaceCommand.Etiquette e -> deliver(state.etiquette(e.userId(), e.manager(), e.command()));
            case SpaceCommand.WarmLinks w -> deliver(state.warmLinks(w.userId(), w.on(), w.ref()));
            case SpaceCommand.Megaphone m -> {
                List<Delivery> out = new ArrayList<>();
                state.voice().megaphone(m.actorId(), m.on(), m.manager(), m.ref(), out);
                deliver(out);
            }
            case SpaceCommand.MediaVideo v -> {
                List<Delivery> out = new ArrayList<>(1);
                state.voice().mediaVideo(v, out);
                deliver(out);
            }
            case SpaceCommand.VoiceSettingsChanged c -> state.voice().settings(c.settings());
            case SpaceCommand.ReplaceMap r -> deliver(state.replaceMap(r.map(), r.info()));
        }
        int now = state.population();
        if (now == 0 && population.get() > 0) {
            emptySinceMillis = clock.millis();
        }
        population.set(now);
    }

    /** Answers a request that carried a ref; requests without one get no ack. */
    private void acknowledge(String userId, String ref, String what) {
        if (ref != null) {
            deliver(List.of(new Delivery(userId, new ServerMessage.Ack(ref, what))));
        }
    }

    /**
     * The one way out: each delivery on its recipient's user topic. A tick's many frames are
     * written by several threads at once ({@link ParallelDelivery}); the owner waits for them.
     */
    private void deliver(List<Delivery> deliveries) {
        delivery.deliver(deliveries, d -> bus.publish(EventBus.Topics.user(d.userId()), d.frame()));
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
