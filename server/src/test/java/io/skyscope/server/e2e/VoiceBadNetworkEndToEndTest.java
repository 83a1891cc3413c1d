package io.skyscope.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.voice.Goertzel;
import io.skyscope.client.voice.LinkState;
import io.skyscope.client.voice.Pcm;
import io.skyscope.client.voice.ReceiveStats;
import io.skyscope.client.voice.SignalSource;
import io.skyscope.client.voice.VoiceListener;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.config.ServerConfig.VoiceConfig;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.testing.Coturn;
import io.skyscope.server.testing.ImpairingRelay;
import io.skyscope.server.testing.ImpairingRelay.Impairment;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A call on a bad network: both clients relay-only through a real coturn with an
 * {@link ImpairingRelay} in front of it, so their WebRTC stacks are untouched and every media
 * packet meets the impairment once on its way. Ana plays a steady 440 Hz tone; what counts is what
 * Ben's recording speaker plays, cut into 20 ms frames, and WebRTC's receive statistics at Ben.
 *
 * <p>A frame "carries the tone" when its 440 Hz amplitude is at least half the median of the same
 * call on a clean path. Floors, from two sets of 20 runs (docs/benchmarks.md, "Voice on a bad network"):
 * <ul>
 *   <li>clean path: more than 98 % of frames carry the tone and under 2 % of samples are concealed
 *       (measured: 100 % and 0 %);</li>
 *   <li>5 % loss and 10-70 ms of delay: at least {@link #FLOOR_TONE_FRAMES} of frames carry the
 *       tone (measured 99.6-100 %) and NetEq conceals at most {@link #CEILING_CONCEALED} of the
 *       samples (measured 2.9-7.9 %, about the loss seen);</li>
 *   <li>30 % loss breaks the concealment ceiling (measured 22-33 % concealed). Loss concealment
 *       continues a steady tone so well that 92-100 % of frames still carry it at 30 % loss: the
 *       tone share alone cannot tell a bad path from a broken one, the concealed share can;</li>
 *   <li>after a 3 s outage the tone is back within {@link #RECOVERY_WITHIN} of the outage's end at
 *       the speaker (measured 140-200 ms, one trip of mouth-to-ear latency included);</li>
 *   <li>a voice-like sound on the bad path gets Opus in-band FEC (measured: 83-85 % of packets
 *       received carry it, concealment 0.4-2.1 %); the tone gets none (Opus codes it without FEC).</li>
 * </ul>
 *
 * <p>{@code -Dskyscope.badnet.runs=N} repeats the loss and outage measurements N times on the same
 * call and prints each run and percentiles (the benchmark figures come from that).
 */
@Tag("voice")
class VoiceBadNetworkEndToEndTest {
    private static final String SECRET = "turn-shared-secret-for-bad-network-tests";
    private static final double TONE = 440;
    private static final int RUNS = Integer.getInteger("skyscope.badnet.runs", 1);
    static final double FLOOR_TONE_FRAMES = 0.97;
    static final double CEILING_CONCEALED = 0.12;
    static final Duration RECOVERY_WITHIN = Duration.ofSeconds(1);
    private static final Impairment BAD = new Impairment(0.05, Duration.ofMillis(10), Duration.ofMillis(60));
    private static final Impairment BROKEN = new Impairment(0.30, Duration.ofMillis(10), Duration.ofMillis(60));
    private static final Duration OUTAGE = Duration.ofSeconds(3);
    private static final Pattern OPUS = Pattern.compile("a=rtpmap:(\\d+) opus/48000");

    @RegisterExtension
    @Order(1)
    static final Coturn COTURN = new Coturn(SECRET);

    @RegisterExtension
    @Order(2)
    static final ImpairingRelay RELAY = new ImpairingRelay(
            () -> new InetSocketAddress("127.0.0.1", COTURN.port()), 19);

    @RegisterExtension
    @Order(3)
    static final ServerExtension SERVER = new ServerExtension(c -> c
            .withWorld(new WorldTuning(5000, 1200, 100, 300))
            .withVoice(new VoiceConfig(List.of("turn:127.0.0.1:" + RELAY.port() + "?transport=udp"), SECRET, 600,
                    VoiceClientsEndToEndTest.VOICE)));

    /** What Ben's speaker played over a stretch: 440 Hz amplitude per 20 ms frame, and NetEq's counts. */
    private record Stretch(double[] amplitudes, ReceiveStats stats) {
        double toneShare(double cleanLevel) {
            return (double) Arrays.stream(amplitudes).filter(a -> a >= cleanLevel / 2).count() / amplitudes.length;
        }

        double median() {
            double[] sorted = amplitudes.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }
    }

    @Test
    void aToneStaysIntelligibleWithLossAndJitterAndComesBackAfterAnOutage() {
        try (var ben = VoiceClient.joinRelayOnly(SERVER, "ben", VoiceClientsEndToEndTest.OFFICE);
             var ana = VoiceClient.joinRelayOnly(SERVER, "ana", VoiceClientsEndToEndTest.OFFICE)) {
            var descriptions = new CopyOnWriteArrayList<String>();
            for (var client : List.of(ben, ana)) {
                client.session.onMessage(m -> {
                    if (m instanceof ServerMessage.Signal s && s.payload().hasNonNull("sdp")) {
                        descriptions.add(s.payload().path("type").asText() + "\n" + s.payload().get("sdp").asText());
                    }
                });
            }
            var states = new CopyOnWriteArrayList<LinkState.State>();
            ben.engine().addListener(new VoiceListener() {
                @Override
                public void linkChanged(LinkState link) {
                    states.add(link.state());
                }
            });
            var places = Places.around(SERVER, ben);
            ben.moveTo(places.centre());
            ana.moveTo(places.far());
            ana.audio.play(SignalSource.tone(TONE));
            ana.moveTo(places.left(60));
            try {
                await().atMost(VoiceClientsEndToEndTest.HEAR_WITHIN).until(() -> ben.hears(TONE, 200) > 300);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("no tone through the relay (" + RELAY.forwarded() + " packets forwarded, "
                        + RELAY.dropped() + " dropped; link " + ben.link(ana) + "); coturn:\n" + COTURN.log(), e);
            }

            // Opus in-band FEC is negotiated both ways (WebRTC's default fmtp), relayed as sent.
            await().atMost(ServerExtension.TIMEOUT).until(() -> descriptions.size() >= 2);
            assertThat(descriptions).as("offer and answer relayed by the server")
                    .anyMatch(d -> d.startsWith("offer")).anyMatch(d -> d.startsWith("answer"))
                    .allSatisfy(d -> assertThat(opusFmtp(d)).as("opus fmtp").contains("useinbandfec=1"));

            List<double[]> figures = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                figures.add(measure(ben, ana, run, states));
            }
            if (RUNS > 1) {
                summarise(figures);
            }
        }
    }

    /**
     * One run: clean, then 5 % loss with jitter, 30 % loss with jitter, a clean path with a 3 s outage,
     * and a voice-like sound with 5 % loss and jitter. Returns the
     * clean level, the shares of frames with the tone (clean, bad), concealed and silent shares
     * (clean, bad), the jitter-buffer delay (bad), the recovery time in ms, the loss and FEC packets
     * seen (bad), the tone and concealed shares at 30 % loss, and for a voice-like sound on the bad
     * path the loss seen, the concealed share and FEC packets per packet received.
     */
    private static double[] measure(VoiceClient ben, VoiceClient ana, int run, List<LinkState.State> states) {
        RELAY.impair(Impairment.NONE);
        settle(ben, 1000);
        Stretch clean = listen(ben, ana, 3000);
        double level = clean.median();
        assertThat(level).as("the tone on a clean path").isGreaterThan(300);

        RELAY.impair(BAD);
        settle(ben, 5000);
        Stretch bad = listen(ben, ana, 10_000);
        // A broken path (30 % loss) must fail the floors, or they would mean nothing.
        RELAY.impair(BROKEN);
        settle(ben, 2000);
        Stretch broken = listen(ben, ana, 6000);
        RELAY.impair(Impairment.NONE);

        settle(ben, 2000);
        int statesBefore = states.size();
        long outageStart = ben.audio.recorder().framesWritten();
        RELAY.outage(OUTAGE);
        await().atMost(ServerExtension.TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> !RELAY.inOutage());
        long outageEnd = outageStart + OUTAGE.toMillis() / Pcm.FRAME_MILLIS;
        await().atMost(ServerExtension.TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> recovered(ben, outageEnd, level) >= 0);
        double recovery = recovered(ben, outageEnd, level);
        double silentDuring = toneShareBetween(ben, outageStart + 50, outageEnd, level);
        boolean disconnected = states.subList(statesBefore, states.size()).contains(LinkState.State.CONNECTING);

        // A voice-like sound (harmonics of 140 Hz under vowel formants, four syllables a second) on
        // the bad path: unlike the tone, the encoder protects it with in-band FEC.
        ana.audio.play(new Voiced());
        RELAY.impair(BAD);
        settle(ben, 5000);
        ReceiveStats before = stats(ben, ana);
        settle(ben, 8000);
        ReceiveStats voiced = stats(ben, ana).minus(before);
        RELAY.impair(Impairment.NONE);
        ana.audio.play(SignalSource.tone(TONE));

        double[] f = {level, clean.toneShare(level), bad.toneShare(level), clean.stats().concealedShare(),
                bad.stats().concealedShare(), bad.stats().silentShare(), bad.stats().meanJitterBufferMillis(), recovery,
                bad.stats().lossShare(), bad.stats().fecPacketsReceived(), broken.toneShare(level),
                broken.stats().concealedShare(), voiced.lossShare(), voiced.concealedShare(),
                (double) voiced.fecPacketsReceived() / Math.max(1, voiced.packetsReceived())};
        System.out.printf(Locale.ROOT, "bad network run %d: clean tone in %.1f %% of frames, concealed %.2f %%;"
                        + " 5 %% loss + jitter: loss seen %.1f %%, tone in %.1f %% of frames, concealed %.1f %%, silent %.1f %%,"
                        + " FEC packets %d, jitter buffer %.0f ms; 3 s outage: tone during %.0f %%, ICE disconnected %s,"
                        + " tone back %.0f ms after; 30 %% loss: tone in %.1f %% of frames, concealed %.1f %%;"
                        + " voice-like sound, 5 %% loss + jitter: loss seen %.1f %%, concealed %.1f %%, FEC packets %d of %d%n",
                run, 100 * f[1], 100 * f[3], 100 * f[8], 100 * f[2], 100 * f[4], 100 * f[5], bad.stats().fecPacketsReceived(),
                f[6], 100 * silentDuring, disconnected, recovery, 100 * f[10], 100 * f[11], 100 * f[12], 100 * f[13],
                voiced.fecPacketsReceived(), voiced.packetsReceived());
        assertThat(f[1]).as("share of 20 ms frames with the tone, clean path").isGreaterThan(0.98);
        assertThat(f[3]).as("concealed share, clean path").isLessThan(0.02);
        assertThat(f[2]).as("share of 20 ms frames with the tone, 5 % loss + jitter").isGreaterThanOrEqualTo(FLOOR_TONE_FRAMES);
        assertThat(f[4]).as("concealed share, 5 % loss + jitter").isLessThanOrEqualTo(CEILING_CONCEALED);
        assertThat(f[11]).as("concealed share at 30 % loss").isGreaterThan(CEILING_CONCEALED);
        assertThat(voiced.fecPacketsReceived()).as("Opus in-band FEC packets for a voice-like sound on the bad path")
                .isPositive();
        assertThat(silentDuring).as("the outage stopped the tone").isLessThan(0.2);
        assertThat(recovery).as("ms from the outage's end to the tone back").isLessThanOrEqualTo(RECOVERY_WITHIN.toMillis());
        return f;
    }

    /**
     * Milliseconds from speaker frame {@code from} to the first 20 ms frame that starts 100 ms of
     * tone at half the clean level or more, or -1 if there is none yet.
     */
    private static double recovered(VoiceClient ben, long from, double level) {
        var recorder = ben.audio.recorder();
        long written = recorder.framesWritten();
        if (written <= from) {
            return -1;
        }
        short[] mono = recorder.monoSince(from, (int) ((written - from) * Pcm.FRAME_MILLIS));
        double[] a = amplitudes(mono);
        int run = 0;
        for (int i = 0; i < a.length; i++) {
            run = a[i] >= level / 2 ? run + 1 : 0;
            if (run == 5) {
                return (i - 4) * 2.0 * Pcm.FRAME_MILLIS;
            }
        }
        return -1;
    }

    private static double toneShareBetween(VoiceClient ben, long from, long to, double level) {
        long written = ben.audio.recorder().framesWritten();
        short[] mono = ben.audio.recorder().monoSince(from, (int) ((written - from) * Pcm.FRAME_MILLIS));
        double[] a = amplitudes(Arrays.copyOf(mono, (int) Math.min(mono.length, (to - from) * Pcm.FRAME)));
        return new Stretch(a, null).toneShare(level);
    }

    /** Lets {@code millis} of output play (the path's new condition settles in NetEq). */
    private static void settle(VoiceClient ben, int millis) {
        long target = ben.audio.recorder().framesWritten() + millis / Pcm.FRAME_MILLIS;
        await().atMost(Duration.ofMillis(millis).plus(ServerExtension.TIMEOUT))
                .until(() -> ben.audio.recorder().framesWritten() >= target);
    }

    /** {@code millis} of Ben's output from now and NetEq's counts over them. */
    private static Stretch listen(VoiceClient ben, VoiceClient ana, int millis) {
        ReceiveStats before = stats(ben, ana);
        long first = ben.audio.recorder().framesWritten();
        settle(ben, millis);
        ReceiveStats after = stats(ben, ana);
        return new Stretch(amplitudes(ben.audio.recorder().monoSince(first, millis)), after.minus(before));
    }

    private static ReceiveStats stats(VoiceClient ben, VoiceClient ana) {
        try {
            ReceiveStats s = ben.engine().receiveStats(ana.id()).get(10, TimeUnit.SECONDS);
            assertThat(s).as("Ben's receive statistics for Ana").isNotNull();
            return s;
        } catch (Exception e) {
            throw new AssertionError("no receive statistics", e);
        }
    }

    /** The 440 Hz amplitude of each whole 20 ms frame. */
    private static double[] amplitudes(short[] mono) {
        int frame = 2 * Pcm.FRAME;
        double[] a = new double[mono.length / frame];
        for (int i = 0; i < a.length; i++) {
            a[i] = Goertzel.peakAmplitude(mono, i * frame, frame, 1, TONE, Goertzel.DRIFT);
        }
        return a;
    }

    /** Harmonics of 140 Hz shaped by the formants of an /a/ (700, 1220, 2600 Hz), in syllables of 250 ms. */
    private static final class Voiced implements io.skyscope.client.voice.SignalSource {
        private static final double F0 = 140;
        private static final double[] FORMANTS = {700, 1220, 2600};
        private long sample;
        /** The fundamental's phase, in cycles, so that the pitch can glide. */
        private double cycles;

        @Override
        public void fill(short[] frame) {
            for (int i = 0; i < frame.length; i++, sample++) {
                double t = (double) sample / Pcm.SAMPLE_RATE;
                cycles = (cycles + F0 * (1 + 0.05 * Math.sin(2 * Math.PI * 3 * t)) / Pcm.SAMPLE_RATE) % 1;
                double v = 0;
                for (int h = 1; h * F0 < 4000; h++) {
                    double f = h * F0;
                    double weight = 0;
                    for (double formant : FORMANTS) {
                        weight += Math.exp(-Math.pow((f - formant) / 120, 2));
                    }
                    v += (0.15 + weight) / h * Math.sin(2 * Math.PI * h * cycles);
                }
                double syllable = 0.5 - 0.5 * Math.cos(2 * Math.PI * 4 * t);
                frame[i] = Pcm.clip(3000 * syllable * v);
            }
        }
    }

    private static String opusFmtp(String sdp) {
        var rtpmap = OPUS.matcher(sdp);
        if (!rtpmap.find()) {
            return "";
        }
        String prefix = "a=fmtp:" + rtpmap.group(1) + " ";
        return sdp.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("");
    }

    private static void summarise(List<double[]> figures) {
        String[] names = {"clean level", "tone frames clean", "tone frames 5 % loss", "concealed clean",
                "concealed 5 % loss", "silent 5 % loss", "jitter buffer ms", "recovery ms", "loss seen", "FEC packets",
                "tone frames 30 % loss", "concealed 30 % loss", "voice-like: loss seen", "voice-like: concealed",
                "voice-like: FEC/received"};
        System.out.printf(Locale.ROOT, "bad network, %d runs (p50 / p95 / min / max):%n", figures.size());
        for (int k = 0; k < names.length; k++) {
            int column = k;
            double[] v = figures.stream().mapToDouble(f -> f[column]).sorted().toArray();
            System.out.printf(Locale.ROOT, "  %-22s %10.4f %10.4f %10.4f %10.4f%n", names[k], v[v.length / 2],
                    v[(int) Math.ceil(0.95 * v.length) - 1], v[0], v[v.length - 1]);
        }
    }
}
