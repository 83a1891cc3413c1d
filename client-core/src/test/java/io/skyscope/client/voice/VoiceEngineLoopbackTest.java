package io.skyscope.client.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.voice.LinkState.State;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two headless voice engines in one JVM, linked through loopback signalling: real WebRTC
 * connections over the loopback interface, Opus both ways, the spatial mix on each side.
 */
@Tag("voice")
class VoiceEngineLoopbackTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final LoopbackSignalling signalling = new LoopbackSignalling();
    private final MapPositions positions = new MapPositions();
    private final HeadlessAudio anaAudio = new HeadlessAudio();
    private final HeadlessAudio benAudio = new HeadlessAudio();
    private VoiceEngine ana;
    private VoiceEngine ben;

    @AfterEach
    void close() {
        if (ana != null) {
            ana.close();
        }
        if (ben != null) {
            ben.close();
        }
    }

    private void start() {
        // No microphone processing: noise suppression would take a steady test tone for noise.
        var config = VoiceConfig.defaults().withChime(false).withProcessing(VoiceProcessing.Options.NONE);
        ana = new VoiceEngine(config, anaAudio, null, null, signalling.of("ana"), positions.seenBy("ana"));
        ben = new VoiceEngine(config, benAudio, null, null, signalling.of("ben"), positions.seenBy("ben"));
        signalling.register("ana", ana);
        signalling.register("ben", ben);
    }

    @Test
    void benHearsAnasToneOnTheRightSideLouderWhenCloserAndNotWhenMuted() {
        positions.put("ana", 100, 100);
        positions.put("ben", 160, 100);
        start();
        var events = new CopyOnWriteArrayList<String>();
        ben.addListener(new VoiceListener() {
            @Override
            public void enteredHearingRange(String peerId) {
                events.add("in " + peerId);
            }

            @Override
            public void leftHearingRange(String peerId) {
                events.add("out " + peerId);
            }
        });
        anaAudio.play(SignalSource.tone(440));

        signalling.link("ana", "ben");
        await().atMost(WAIT).until(() -> toneAt(benAudio, 440) > 300);
        assertThat(benAudio.recorder().dominantFrequency(100, 4000, 10, 300, 4)).isBetween(430.0, 450.0);
        assertThat(events).containsExactly("in ana");
        assertThat(ben.snapshot().link("ana").state()).isEqualTo(State.CONNECTED);
        assertThat(ana.snapshot().canHearMe()).containsExactly("ben");

        // Ana stands 60 px to Ben's left: louder in his left ear.
        settle();
        double[] far = steadyToneAmplitude(benAudio, 440);
        assertThat(far[0]).as("left").isGreaterThan(2 * far[1]);

        // Ana steps to 20 px on Ben's right: louder overall, and on the right. A busy machine can
        // only lower a reading (frames filled with silence), so one good reading within the wait is enough.
        positions.put("ana", 180, 100);
        var near = new AtomicReference<double[]>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            near.set(benAudio.recorder().toneAmplitude(440, 300));
            return near.get()[1] > near.get()[0] && near.get()[0] + near.get()[1] > 1.5 * (far[0] + far[1]);
        });
        System.out.printf("Ana's tone at Ben: 60 px left %.0f/%.0f, 20 px right %.0f/%.0f (left/right)%n",
                far[0], far[1], near.get()[0], near.get()[1]);

        ana.setMuted(true);
        await().atMost(WAIT).until(() -> toneAt(benAudio, 440) < 20);
        assertThat(signalling.voiceStates).contains("ana muted=true speaking=false");
        ana.setMuted(false);
        await().atMost(WAIT).until(() -> toneAt(benAudio, 440) > 300);

        signalling.unlink("ana", "ben");
        await().atMost(WAIT).until(() -> ben.snapshot().links().isEmpty() && ana.snapshot().links().isEmpty());
        await().atMost(WAIT).until(() -> Pcm.rms(benAudio.recorder().lastMono(300)) < 5);
        // The listener hears of the leave once the connection is closed, after the link is gone.
        await().atMost(WAIT).until(() -> events.size() == 2);
        assertThat(events).containsExactly("in ana", "out ana");
    }

    @Test
    void withoutSoundDevicesAnaIsStillLinkedSendsNothingAndHearsBenOnceShePicksDevices() {
        positions.put("ana", 100, 100);
        positions.put("ben", 140, 100);
        var config = VoiceConfig.defaults().withChime(false).withProcessing(VoiceProcessing.Options.NONE);
        ana = new VoiceEngine(config, anaAudio, AudioDevice.none(true), AudioDevice.none(false), signalling.of("ana"),
                positions.seenBy("ana"));
        ben = new VoiceEngine(config, benAudio, null, null, signalling.of("ben"), positions.seenBy("ben"));
        signalling.register("ana", ana);
        signalling.register("ben", ben);
        anaAudio.play(SignalSource.tone(440));
        benAudio.play(SignalSource.tone(660));

        signalling.link("ana", "ben");
        await().atMost(WAIT).until(() -> ana.snapshot().link("ben") != null
                && ana.snapshot().link("ben").level() > -40);
        assertThat(ana.snapshot().link("ben").speaking()).as("Ben's voice arrives and is measured").isTrue();
        assertThat(ana.snapshot().input().isNone()).isTrue();
        assertThat(anaAudio.recorder().framesWritten()).as("no speaker was opened").isZero();
        settle();
        // Ben hears nothing from Ana: not her tone (no microphone was opened), and not his own
        // voice sent back by the audio module's recording thread, which her silence must stop.
        assertThat(Pcm.rms(benAudio.recorder().lastMono(1500))).as("Ben's speaker, 1.5 s").isLessThan(2);

        ana.useInput(HeadlessAudio.MICROPHONE);
        ana.useOutput(HeadlessAudio.SPEAKER);
        await().atMost(WAIT).until(() -> toneAt(benAudio, 440) > 300);
        await().atMost(WAIT).until(() -> toneAt(anaAudio, 660) > 300);
    }

    @Test
    void theVoiceStateIsSentAgainWhenAsked() {
        start();
        ana.setMuted(true);
        await().atMost(WAIT).until(() -> signalling.voiceStates.contains("ana muted=true speaking=false"));
        ana.resendVoiceState();
        await().atMost(WAIT).until(() -> signalling.voiceStates.stream()
                .filter("ana muted=true speaking=false"::equals).count() == 2);
    }

    @Test
    void pushToTalkVolumeDeafenSpeakingIndicatorsAndTheChime() {
        positions.put("ana", 100, 100);
        positions.put("ben", 100, 110);
        var config = VoiceConfig.defaults().withProcessing(VoiceProcessing.Options.NONE);
        ana = new VoiceEngine(config.withChime(false), anaAudio, null, null, signalling.of("ana"), positions.seenBy("ana"));
        ben = new VoiceEngine(config, benAudio, null, null, signalling.of("ben"), positions.seenBy("ben"));
        signalling.register("ana", ana);
        signalling.register("ben", ben);
        var speaking = new CopyOnWriteArrayList<String>();
        ben.addListener(new VoiceListener() {
            @Override
            public void speakingChanged(String userId, boolean on) {
                speaking.add(userId + "=" + on);
            }
        });
        ana.setPushToTalk(true);
        anaAudio.play(SignalSource.tone(440));
        long linked = benAudio.recorder().framesWritten();
        signalling.link("ana", "ben");
        await().atMost(WAIT).until(() -> ben.snapshot().link("ana") != null
                && ben.snapshot().link("ana").state() == State.CONNECTED);

        // Ben hears the chime (660 then 990 Hz) as Ana comes into range, and not her: she has not pressed the key.
        // The chime plays once: it is looked for in everything Ben heard since the link started.
        await().atMost(WAIT).until(() -> loudestWindow(benAudio.recorder().monoSince(linked, 20_000), 990) > 200);
        assertThat(ana.snapshot().transmitting()).isFalse();
        assertThat(ana.snapshot().micLevel()).as("the meter works while not transmitting").isGreaterThan(-20);
        sleep(500);
        assertThat(toneAt(benAudio, 440)).isLessThan(20);

        ana.setTalkKey(true);
        await().atMost(WAIT).until(() -> toneAt(benAudio, 440) > 300);
        await().atMost(WAIT).until(() -> ben.snapshot().link("ana").speaking() && ana.snapshot().speaking());
        assertThat(speaking).contains("ana=true");
        assertThat(ben.snapshot().link("ana").level()).isGreaterThan(-20);

        settle();
        double full = steadyToneAt(benAudio, 440);
        ben.setVolume("ana", 0.5);
        // Each reading is the loudest of four too: lost frames could otherwise pass off full volume as half.
        await("half volume").atMost(WAIT).until(() -> {
            double half = steadyToneAt(benAudio, 440);
            return half > 0.4 * full && half < 0.6 * full;
        });
        assertThat(ben.snapshot().link("ana").gain()).isEqualTo(0.5);

        ben.setDeafened(true);
        await().atMost(WAIT).until(() -> Pcm.rms(benAudio.recorder().lastMono(200)) < 5);
        assertThat(ben.snapshot().muted()).as("deafened is muted too").isTrue();
        ben.setDeafened(false);
        await().atMost(WAIT).until(() -> toneAt(benAudio, 440) > 100);

        ana.setTalkKey(false);
        await().atMost(WAIT).until(() -> toneAt(benAudio, 440) < 20);
        await().atMost(WAIT).until(() -> !ben.snapshot().link("ana").speaking());
    }

    @Test
    void theEchoOfBensVoiceInAnasRoomDoesNotComeBackToBen() {
        double db = echoReturnLoss(VoiceProcessing.Options.ALL, loss -> loss > 40);
        assertThat(db).as("Ben's voice, back at Ben, dB below Ana's speaker").isGreaterThan(40);
    }

    @Test
    void withoutProcessingTheEchoComesBack() {
        double db = echoReturnLoss(VoiceProcessing.Options.NONE, loss -> loss < 12);
        assertThat(db).as("the room's 6 dB and little more").isLessThan(12);
    }

    /**
     * Ben speaks; Ana's microphone hears her speaker 40 ms later at half amplitude. Returns how
     * far below Ana's speaker Ben hears his own voice come back, over 3 s, once 6 s to converge
     * have passed: the first such reading that is {@code expected}, waited for 20 s at most.
     * Frames lost on a busy machine skew a reading either way, as one leg or the other loses them;
     * a working canceller (40 dB and more) and none (about 6 dB) are far apart.
     */
    private double echoReturnLoss(VoiceProcessing.Options anaProcessing, DoublePredicate expected) {
        var echoingRoom = new HeadlessAudio(40, 0.5);
        positions.put("ana", 100, 100);
        positions.put("ben", 110, 100);
        var config = VoiceConfig.defaults().withChime(false);
        ana = new VoiceEngine(config.withProcessing(anaProcessing), echoingRoom, null, null, signalling.of("ana"),
                positions.seenBy("ana"));
        ben = new VoiceEngine(config, benAudio, null, null, signalling.of("ben"), positions.seenBy("ben"));
        signalling.register("ana", ana);
        signalling.register("ben", ben);
        benAudio.play(new IntermittentSpeech(7));
        signalling.link("ana", "ben");
        await().atMost(WAIT).until(() -> Pcm.rms(echoingRoom.recorder().lastMono(1000)) > 500);
        sleep(6000);
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            double played = Pcm.rms(echoingRoom.recorder().lastMono(3000));
            double returned = Pcm.rms(benAudio.recorder().lastMono(3000));
            double db = 20 * Math.log10(played / Math.max(1, returned));
            System.out.printf("echo path (%s): Ana's speaker %.1f dBFS, back at Ben %.1f dBFS (%.1f dB down)%n",
                    anaProcessing, Pcm.dbfs(played), Pcm.dbfs(returned), db);
            return db;
        }, expected::test);
    }

    private static double toneAt(HeadlessAudio audio, double frequency) {
        double[] a = audio.recorder().toneAmplitude(frequency, 300);
        return Math.max(a[0], a[1]);
    }

    /** The loudest amplitude of {@code frequency} in any 100 ms of {@code mono}, in 20 ms steps. */
    private static double loudestWindow(short[] mono, double frequency) {
        int window = Pcm.SAMPLE_RATE / 10;
        double loudest = 0;
        for (int at = 0; at + window <= mono.length; at += window / 5) {
            loudest = Math.max(loudest, Goertzel.peakAmplitude(mono, at, window, 1, frequency, Goertzel.DRIFT));
        }
        return loudest;
    }

    private static double steadyToneAt(HeadlessAudio audio, double frequency) {
        double[] a = steadyToneAmplitude(audio, frequency);
        return Math.max(a[0], a[1]);
    }

    /** The loudest of four 300 ms readings (see {@link Recorder#loudestToneAmplitude}). */
    private static double[] steadyToneAmplitude(HeadlessAudio audio, double frequency) {
        return audio.recorder().loudestToneAmplitude(frequency, 300, 4);
    }


    private static void settle() {
        sleep(700);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Speech-like bursts (the echo test's far end) separated by pauses, so the canceller can adapt. */
    static final class IntermittentSpeech implements SignalSource {
        private final VoiceProcessingTest.FarEnd far;

        IntermittentSpeech(long seed) {
            this.far = new VoiceProcessingTest.FarEnd(seed);
        }

        @Override
        public void fill(short[] frame) {
            System.arraycopy(far.next(), 0, frame, 0, frame.length);
        }
    }
}
