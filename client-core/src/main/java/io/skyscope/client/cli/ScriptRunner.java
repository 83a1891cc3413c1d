package io.skyscope.client.cli;

import io.skyscope.client.Session;
import io.skyscope.client.Walker;
import io.skyscope.client.video.PatternWatch;
import io.skyscope.client.video.TestPattern;
import io.skyscope.client.video.VideoDevice;
import io.skyscope.client.video.VideoKind;
import io.skyscope.client.voice.Goertzel;
import io.skyscope.client.voice.HeadlessAudio;
import io.skyscope.client.voice.LinkState;
import io.skyscope.client.voice.Pcm;
import io.skyscope.client.voice.SessionVoice;
import io.skyscope.client.voice.SignalSource;
import io.skyscope.client.voice.VoiceEngine;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.Person;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a CLI script line by line against a signed-in session (and its voice, if on). An
 * {@code expect-*} line that is not met stops the run with a message saying what was expected and
 * what was found. Runs on the calling thread.
 */
final class ScriptRunner {
    /** A line that did not do what it said. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    /** Louder than this (about -61 dBFS over 100 ms) is not silence. */
    private static final double SILENCE_RMS = 30;
    /** A heard tone must reach this amplitude (about -44 dBFS). */
    private static final double TONE_AMPLITUDE = 200;
    private static final long POLL_MILLIS = 50;
    /** Fresh video: the pattern's counter went up by this many frames ... */
    private static final int VIDEO_ADVANCE = 5;
    /** ... and its newest frame was drawn less than this long ago. */
    private static final long VIDEO_MAX_AGE_MILLIS = 2_000;
    /** Frames already on their way when an expect-no-video line starts may arrive this long after. */
    private static final long VIDEO_IN_FLIGHT_MILLIS = 1_000;

    private final Session session;
    private final SessionVoice voice;
    private final HeadlessAudio headless;
    private final PrintStream out;
    private final EtiquetteLines etiquette;
    private final PeopleLines people;
    private final DeskLines desks;
    private final InviteLines invites;
    private final MegaphoneLines megaphone;
    private final MediaLines media;
    private final HandLines hands;
    private final long started = System.nanoTime();
    private final Map<String, PatternWatch> watches = new HashMap<>();

    ScriptRunner(Session session, SessionVoice voice, HeadlessAudio headless, PrintStream out) {
        this.session = session;
        this.voice = voice;
        this.headless = headless;
        this.out = out;
        this.etiquette = new EtiquetteLines(session, this::log);
        this.people = new PeopleLines(session, this::log);
        this.desks = new DeskLines(session, etiquette, this::log);
        this.invites = new InviteLines(session, this::log);
        MediaFallbackLines.attach(session, this::log);
        this.megaphone = new MegaphoneLines(session, etiquette, this::log);
        this.media = new MediaLines(this::log);
        this.hands = new HandLines(session, etiquette, this::log);
        session.onMessageCatchingUpOnVoice(media::on);
    }

    /**
     * Runs every line of {@code script}. Returns normally at the end or at {@code quit}; throws
     * {@link Failure} for an unmet expectation and {@link Command.SyntaxError} for a bad line.
     */
    void run(BufferedReader script) throws IOException, Failure, Command.SyntaxError {
        int number = 0;
        for (String line; (line = script.readLine()) != null; ) {
            number++;
            Command command;
            try {
                command = Command.parse(line);
            } catch (Command.SyntaxError e) {
                throw new Command.SyntaxError("line " + number + " '" + line.strip() + "': " + e.getMessage());
            }
            if (command == null) {
                continue;
            }
            log("> " + line.strip());
            if (command instanceof Command.Quit) {
                return;
            }
            try {
                execute(command);
            } catch (Failure e) {
                throw new Failure("line " + number + " '" + line.strip() + "' failed: " + e.getMessage());
            }
        }
    }

    private void execute(Command command) throws Failure {
        switch (command) {
            case Command.Walk w -> {
                if (!Walker.walk(session, w.x(), w.y())) {
                    Person me = session.snapshot().self();
                    throw new Failure("stopped at " + (me == null ? "?" : fmt(me.x()) + "," + fmt(me.y())));
                }
            }
            case Command.Say s -> log("  sent as " + session.say(s.channel(), s.text()));
            case Command.SetStatus s -> session.setStatus(s.status(), s.text());
            case Command.Tone t -> synthetic().play(t.frequency() == 0 ? SignalSource.SILENCE : SignalSource.tone(t.frequency()));
            case Command.PlayWav w -> synthetic().play(SignalSource.wav(w.file()));
            case Command.Mute m -> engine().setMuted(m.on());
            case Command.Deafen d -> engine().setDeafened(d.on());
            case Command.PushToTalk p -> engine().setPushToTalk(p.on());
            case Command.TalkKey k -> engine().setTalkKey(k.down());
            case Command.Volume v -> engine().setVolume(userId(v.who()), v.volume());
            case Command.Camera c -> {
                engine().useCamera(VideoDevice.testPattern());
                engine().setCamera(c.on());
            }
            case Command.Share s -> {
                if (s.on()) {
                    engine().shareScreen(TestPattern.screen());
                } else {
                    engine().stopSharing();
                }
            }
            case Command.ExpectVideo v -> expectVideo(v);
            case Command.ExpectNoVideo v -> expectNoVideo(v);
            case Command.Wait w -> sleep(w.millis());
            case Command.ExpectChat c -> expectChat(c);
            case Command.ExpectVoice v -> expectVoice(v.who(), v.millis(), true);
            case Command.ExpectNoVoice v -> expectVoice(v.who(), v.millis(), false);
            case Command.ExpectTone t -> expectTone(t);
            case Command.ExpectSilence s -> expectSilence(s);
            case Command.Who w -> who();
            case Command.Lock l -> etiquette.lock(l);
            case Command.Knock k -> etiquette.knock(k);
            case Command.Answer a -> etiquette.answer(a);
            case Command.Wave w -> etiquette.wave(w);
            case Command.React r -> etiquette.react(r);
            case Command.WalkTo w -> etiquette.walkTo(w);
            case Command.WalkToWave w -> etiquette.walkToWave();
            case Command.ReactChat r -> etiquette.reactChat(r);
            case Command.Find f -> invites.find(f);
            case Command.InviteLink i -> invites.inviteLink();
            case Command.GuestLink g -> invites.guestLink(g);
            case Command.ExpectKnock k -> etiquette.expectKnock(k);
            case Command.ExpectWave w -> etiquette.expectWave(w);
            case Command.ExpectLetIn l -> etiquette.expectLetIn(l);
            case Command.ExpectLocked l -> etiquette.expectLocked(l);
            case Command.Follow f -> people.follow(f);
            case Command.Following f -> people.following();
            case Command.Followable f -> people.followable(f);
            case Command.ExpectFollowed e -> people.expectAlert(e);
            case Command.DeskLine d -> desks.run(d);
            case Command.Megaphone m -> megaphone.megaphone(m);
            case Command.Echo e -> out.println(e.text());
            case Command.Hand h -> hands.hand(h.raised());
            case Command.Hands h -> hands.hands();
            case Command.ExpectHand e -> hands.expectHand(e);
            case Command.Quit q -> {
            }
        }
    }

    private void expectChat(Command.ExpectChat c) throws Failure {
        try {
            var m = session.await(ChatEvent.Message.class, e -> e.message().text().contains(c.text()),
                    Duration.ofMillis(c.millis()));
            log("  " + m.message().senderName() + ": " + m.message().text());
        } catch (AssertionError e) {
            throw new Failure("no chat message containing '" + c.text() + "' within " + c.millis() + " ms");
        }
    }

    private void expectVoice(String who, long millis, boolean linked) throws Failure {
        VoiceEngine engine = engine();
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (true) {
            String id = resolve(who);
            LinkState link = id == null ? null : engine.snapshot().link(id);
            boolean up = link != null && link.state() == LinkState.State.CONNECTED;
            if (up == linked && (linked || System.nanoTime() >= deadline)) {
                return;
            }
            if (!linked && up) {
                throw new Failure("a voice link with " + who + " is up");
            }
            if (System.nanoTime() >= deadline) {
                throw new Failure("no voice link with " + who + " within " + millis + " ms"
                        + (id == null ? " (nobody called " + who + " is in the space)" : "; links: "
                        + engine.snapshot().links().stream().map(l -> l.peerId() + " " + l.state()).toList()));
            }
            sleep(POLL_MILLIS);
        }
    }

    private void expectVideo(Command.ExpectVideo v) throws Failure {
        long deadline = System.nanoTime() + v.millis() * 1_000_000;
        String what = v.kind() == VideoKind.CAMERA ? "camera" : "screen share";
        String id = resolveBy(v.who(), deadline);
        PatternWatch watch = watch(id, v.kind());
        watch.reset();
        while (!watch.fresh(VIDEO_ADVANCE, VIDEO_MAX_AGE_MILLIS)) {
            if (System.nanoTime() >= deadline) {
                TestPattern.Stamp newest = watch.newest();
                LinkState link = engine().snapshot().link(id);
                throw new Failure("no fresh frames of " + v.who() + "'s " + what + " within " + v.millis() + " ms ("
                        + watch.frames() + " frames in all; "
                        + (newest == null ? "none read as the test pattern since this line"
                        : "the newest read was frame " + newest.counter() + ", drawn "
                        + (System.currentTimeMillis() - newest.wallMillis()) + " ms ago")
                        + "; link: " + (link == null ? "none" : link.state() + ", " + link.video()) + ")");
            }
            sleep(POLL_MILLIS);
        }
        TestPattern.Stamp newest = watch.newest();
        log("  " + v.who() + "'s " + what + ": frame " + newest.counter() + ", drawn "
                + (System.currentTimeMillis() - newest.wallMillis()) + " ms ago");
    }

    /**
     * Nothing new of {@code who}'s camera or screen for the whole time: no pattern frame drawn
     * after this line began, and no frame at all once those in flight have had time to arrive.
     */
    private void expectNoVideo(Command.ExpectNoVideo v) throws Failure {
        long startMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        long deadline = start + v.millis() * 1_000_000;
        String id = resolve(v.who());
        if (id == null) {
            sleep(v.millis());
            return;
        }
        PatternWatch[] both = {watch(id, VideoKind.CAMERA), watch(id, VideoKind.SCREEN)};
        long[] settled = new long[both.length];
        boolean inFlight = true;
        while (true) {
            long now = System.nanoTime();
            if (inFlight && now - start >= VIDEO_IN_FLIGHT_MILLIS * 1_000_000) {
                inFlight = false;
                for (int i = 0; i < both.length; i++) {
                    settled[i] = both[i].frames();
                }
            }
            for (int i = 0; i < both.length; i++) {
                TestPattern.Stamp newest = both[i].newest();
                if (newest != null && newest.wallMillis() > startMillis) {
                    throw new Failure("a frame of " + v.who() + "'s picture drawn " + (newest.wallMillis() - startMillis)
                            + " ms after this line began arrived");
                }
                if (!inFlight && both[i].frames() > settled[i]) {
                    throw new Failure(v.who() + "'s picture still arrives " + (now - start) / 1_000_000
                            + " ms after this line began");
                }
            }
            if (now >= deadline) {
                return;
            }
            sleep(POLL_MILLIS);
        }
    }

    /** The watch on {@code userId}'s picture of that kind, registered with the engine on first use. */
    private PatternWatch watch(String userId, VideoKind kind) throws Failure {
        VoiceEngine engine = engine();
        return watches.computeIfAbsent(userId + " " + kind, k -> {
            var watch = new PatternWatch(kind);
            engine.addVideoSink(userId, kind, watch);
            return watch;
        });
    }

    /** The user id of {@code who}, waiting for them to appear until {@code deadline}. */
    private String resolveBy(String who, long deadline) throws Failure {
        while (true) {
            String id = resolve(who);
            if (id != null) {
                return id;
            }
            if (System.nanoTime() >= deadline) {
                throw new Failure("nobody called " + who + " is in the space");
            }
            sleep(POLL_MILLIS);
        }
    }

    private void expectTone(Command.ExpectTone t) throws Failure {
        long deadline = System.nanoTime() + t.millis() * 1_000_000;
        double best = 0;
        while (true) {
            short[] heard = synthetic().recorder().lastMono(200);
            if (Goertzel.tonePresent(heard, t.frequency(), TONE_AMPLITUDE)) {
                log(String.format(Locale.ROOT, "  heard %.0f Hz at %.0f", t.frequency(),
                        Goertzel.peakAmplitude(heard, 0, heard.length, 1, t.frequency(), Goertzel.DRIFT)));
                return;
            }
            best = Math.max(best, Goertzel.peakAmplitude(heard, 0, heard.length, 1, t.frequency(), Goertzel.DRIFT));
            if (System.nanoTime() >= deadline) {
                throw new Failure(String.format(Locale.ROOT,
                        "no %.0f Hz tone within %d ms (its loudest amplitude %.0f, needed %.0f; output now %.1f dBFS)",
                        t.frequency(), t.millis(), best, TONE_AMPLITUDE, Pcm.dbfs(Pcm.rms(heard))));
            }
            sleep(POLL_MILLIS);
        }
    }

    /**
     * Nothing audible in what is played from now on. The frame playing now and the next one (whose
     * gains fade over the frame from before a {@code deafen} or {@code mute}) may have been mixed
     * before this line, so listening starts after them; a busy machine may have left the render
     * thread behind, and what it plays late is not "from now on".
     */
    private void expectSilence(Command.ExpectSilence s) throws Failure {
        var recorder = synthetic().recorder();
        long first = recorder.framesWritten() + 2;
        long start = System.nanoTime();
        long deadline = start + s.millis() * 1_000_000;
        while (true) {
            double rms = Pcm.rms(recorder.monoSince(first, 100));
            if (rms > SILENCE_RMS) {
                throw new Failure(String.format(Locale.ROOT, "heard sound after %d ms (%.1f dBFS)",
                        (System.nanoTime() - start) / 1_000_000, Pcm.dbfs(rms)));
            }
            if (System.nanoTime() >= deadline) {
                break;
            }
            sleep(POLL_MILLIS);
        }
        if (recorder.framesWritten() <= first) {
            throw new Failure("nothing was played for " + s.millis() + " ms: the audio output is stalled");
        }
    }

    private void who() {
        var snapshot = session.snapshot();
        out.println("  present: " + snapshot.people().values().stream().sorted(java.util.Comparator.comparing(Person::displayName))
                .map(p -> p.displayName() + " at " + fmt(p.x()) + "," + fmt(p.y())).toList());
        if (voice != null) {
            var v = voice.engine().snapshot();
            out.println("  can hear me: " + v.canHearMe().stream().map(this::nameOf).toList());
            for (LinkState l : v.links()) {
                var video = l.video();
                out.printf(Locale.ROOT, "  link %s: %s, %s, level %.0f dBFS, gain %.2f%s%s%s%s%n", nameOf(l.peerId()),
                        l.state(), l.reason(), l.level(), l.gain(), l.muted() ? ", muted" : "",
                        video.camera() ? ", camera" + (video.cameraFlowing() ? " (arriving)" : "") : "",
                        video.screen() ? ", sharing" + (video.screenFlowing() ? " (arriving)" : "") : "",
                        video.sendingCamera() ? ", sees my camera" : "");
            }
        }
    }

    private String nameOf(String userId) {
        Person p = session.snapshot().person(userId);
        return p == null ? media.name(userId) : p.displayName();
    }

    /** A person's id by name; {@code media}: my link to a room on the media server (a stage's or a meeting room's), if any. */
    private String resolve(String who) {
        Person p = session.snapshot().find(who);
        if (p == null && "media".equals(who) && voice != null) {
            return voice.engine().snapshot().links().stream().filter(l -> "media".equals(l.reason()))
                    .map(LinkState::peerId).findFirst().orElse(null);
        }
        return p == null ? null : p.userId();
    }

    private String userId(String who) throws Failure {
        String id = resolve(who);
        if (id == null) {
            throw new Failure("nobody called " + who + " is in the space");
        }
        return id;
    }

    private VoiceEngine engine() throws Failure {
        if (voice == null) {
            throw new Failure("voice is off (--no-voice)");
        }
        return voice.engine();
    }

    private HeadlessAudio synthetic() throws Failure {
        if (headless == null) {
            throw new Failure("needs the synthetic microphone and recording speaker (run without --mic/--speaker, "
                    + "and with voice on)");
        }
        return headless;
    }

    private void log(String text) {
        out.printf(Locale.ROOT, "[%7.2fs] %s%n", (System.nanoTime() - started) / 1e9, text);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
