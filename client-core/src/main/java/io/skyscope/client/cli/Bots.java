package io.skyscope.client.cli;

import io.skyscope.client.Session;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.client.Walker;
import io.skyscope.client.video.VideoDevice;
import io.skyscope.client.voice.HeadlessAudio;
import io.skyscope.client.voice.SessionVoice;
import io.skyscope.client.voice.SignalSource;
import io.skyscope.client.voice.VoiceConfig;
import io.skyscope.client.voice.VoiceProcessing;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Demo and load users: each bot signs in (registering {@code <prefix><n>} on first use, password
 * {@code "bot password <name>"}), wanders about near where it stands, says something in the
 * nearby chat now and then, with voice on hums its own tone, and with video on shows the
 * synthetic test pattern as its camera. One virtual thread per bot; a status line every 10 s.
 */
final class Bots implements AutoCloseable {
    private static final String[] LINES = {"Morning!", "Anyone for coffee?", "Back in five.",
            "Has the build gone green?", "Nice weather today.", "Stand-up in ten minutes.", "Who has the projector?"};

    record Bot(Session session, SessionVoice voice) {
    }

    private final List<Bot> bots = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong said = new AtomicLong();
    private final PrintStream out;
    private volatile boolean running = true;

    private Bots(PrintStream out) {
        this.out = out;
    }

    /** Signs in {@code count} bots and starts them. */
    static Bots start(SkyScopeApi api, String spaceId, int count, String prefix, boolean voice, boolean video,
                      boolean relayOnly, PrintStream out) {
        var bots = new Bots(out);
        for (int i = 1; i <= count; i++) {
            String name = prefix + i;
            var session = Session.open(api, new Session.Credentials(name, "bot password " + name, "Bot " + i), spaceId);
            SessionVoice sessionVoice = null;
            if (voice) {
                var audio = new HeadlessAudio();
                audio.play(SignalSource.tone(200 + 40 * (i % 20), -24));
                var config = VoiceConfig.defaults().withChime(false).withProcessing(VoiceProcessing.Options.NONE);
                sessionVoice = SessionVoice.attach(session, config.withIceServers(config.iceServers(), relayOnly),
                        audio, null, null);
                if (video) {
                    sessionVoice.engine().useCamera(VideoDevice.testPattern());
                    sessionVoice.engine().setCamera(true);
                }
            }
            var bot = new Bot(session, sessionVoice);
            bots.bots.add(bot);
            bots.threads.add(Thread.ofVirtual().name(name).start(() -> bots.live(bot)));
        }
        out.printf(Locale.ROOT, "%d bots in %s%n", count, spaceId);
        return bots;
    }

    /** Prints a status line every 10 s until {@code seconds} have passed (0: until interrupted). */
    void runFor(long seconds) {
        long end = seconds <= 0 ? Long.MAX_VALUE : System.nanoTime() + seconds * 1_000_000_000L;
        while (running && System.nanoTime() < end) {
            try {
                Thread.sleep(Math.min(10_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                return;
            }
            status();
        }
    }

    void status() {
        long online = bots.stream().filter(b -> b.session().state() == Session.State.ONLINE).count();
        long pending = bots.stream().mapToLong(b -> b.session().outbox().size()).sum();
        long reconnects = bots.stream().mapToLong(b -> b.session().reconnects()).sum();
        long links = bots.stream().filter(b -> b.voice() != null)
                .mapToLong(b -> b.voice().engine().snapshot().links().size()).sum();
        long cameras = bots.stream().filter(b -> b.voice() != null)
                .flatMap(b -> b.voice().engine().snapshot().links().stream())
                .filter(l -> l.video().sendingCamera()).count();
        out.printf(Locale.ROOT, "bots: %d of %d online, %d reconnects; chat said %d, unacknowledged %d; voice links %d, "
                + "cameras sent on %d%n", online, bots.size(), reconnects, said.get(), pending, links / 2, cameras);
    }

    private void live(Bot bot) {
        var random = ThreadLocalRandom.current();
        long nextWords = System.nanoTime() + random.nextLong(5, 30) * 1_000_000_000L;
        while (running) {
            var me = bot.session().snapshot().self();
            if (me != null && bot.session().state() == Session.State.ONLINE) {
                double angle = random.nextDouble(2 * Math.PI);
                double distance = random.nextDouble(32, 160);
                Walker.walk(bot.session(), Math.max(1, me.x() + Math.cos(angle) * distance),
                        Math.max(1, me.y() + Math.sin(angle) * distance));
                if (System.nanoTime() > nextWords) {
                    bot.session().say("nearby", LINES[random.nextInt(LINES.length)]);
                    said.incrementAndGet();
                    nextWords = System.nanoTime() + random.nextLong(20, 40) * 1_000_000_000L;
                }
            }
            try {
                Thread.sleep(random.nextLong(1000, 4000));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Bot bot : bots) {
            if (bot.voice() != null) {
                bot.voice().close();
            }
            bot.session().close();
        }
    }
}
