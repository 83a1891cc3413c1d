package io.skyscope.client.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.video.PatternWatch;
import io.skyscope.client.video.TestPattern;
import io.skyscope.client.video.VideoDevice;
import io.skyscope.client.video.VideoFrameSink;
import io.skyscope.client.video.VideoFrames;
import io.skyscope.client.video.VideoKind;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two headless engines in one JVM with real WebRTC video between them: the synthetic camera and
 * screen patterns go through VP8 and are read back on the other side.
 */
@Tag("voice")
class VideoLoopbackTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private final LoopbackSignalling signalling = new LoopbackSignalling();
    private final MapPositions positions = new MapPositions();
    private VoiceEngine ana;
    private VoiceEngine ben;

    /** The first frame's first pixel as B, G, R, A, through {@link VideoFrames#toBgra}. */
    private static final class FirstPixel implements VideoFrameSink {
        final AtomicReference<int[]> bgra = new AtomicReference<>();

        @Override
        public void onFrame(dev.onvoid.webrtc.media.video.VideoFrame frame) {
            if (bgra.get() == null) {
                ByteBuffer pixels = ByteBuffer.allocateDirect(VideoFrames.bgraSize(frame));
                VideoFrames.toBgra(frame, pixels);
                bgra.set(new int[] {pixels.get(0) & 0xFF, pixels.get(1) & 0xFF, pixels.get(2) & 0xFF,
                        pixels.get(3) & 0xFF});
            }
        }
    }

    @BeforeEach
    void start() {
        positions.put("ana", 100, 100);
        positions.put("ben", 160, 100);
        var config = VoiceConfig.defaults().withChime(false).withProcessing(VoiceProcessing.Options.NONE);
        ana = new VoiceEngine(config, new HeadlessAudio(), null, null, signalling.of("ana"), positions.seenBy("ana"));
        ben = new VoiceEngine(config, new HeadlessAudio(), null, null, signalling.of("ben"), positions.seenBy("ben"));
        signalling.register("ana", ana);
        signalling.register("ben", ben);
    }

    @AfterEach
    void close() {
        ana.close();
        ben.close();
    }

    @Test
    void benSeesAnasCameraWhereTheServerAllowsItAndHerScreenShare() {
        var camera = new PatternWatch(VideoKind.CAMERA);
        var screen = new PatternWatch(VideoKind.SCREEN);
        var selfView = new PatternWatch(VideoKind.CAMERA);
        var pixel = new FirstPixel();
        ben.addVideoSink("ana", VideoKind.CAMERA, pixel);
        ben.addVideoSink("ana", VideoKind.CAMERA, camera);
        ben.addVideoSink("ana", VideoKind.SCREEN, screen);
        ana.addVideoSink(null, VideoKind.CAMERA, selfView);
        var events = new CopyOnWriteArrayList<String>();
        ben.addListener(new VoiceListener() {
            @Override
            public void videoChanged(String peerId, VideoKind kind, boolean flowing) {
                events.add(peerId + " " + kind + " " + flowing);
            }
        });
        assertThat(ana.cameras()).first().isEqualTo(VideoDevice.testPattern());
        ana.useCamera(VideoDevice.testPattern());
        ana.setCamera(true);
        signalling.link("ana", "ben");
        await().atMost(WAIT).until(() -> ben.snapshot().link("ana") != null
                && ben.snapshot().link("ana").state() == LinkState.State.CONNECTED);
        await().atMost(WAIT).until(() -> selfView.fresh(5, 2_000));
        assertThat(ben.snapshot().link("ana").video().camera()).as("Ana's voice.state says camera").isTrue();

        // Not allowed by the server yet: nothing of Ana's camera reaches Ben.
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> camera.frames() == 0);
        assertThat(ana.snapshot().link("ben").video().sendingCamera()).isFalse();

        // Ana's camera goes out, but the server has not let it through to Ben (as when a client
        // sends what it was not allowed to): Ben's engine shows none of it.
        ana.videoPermission("ben", true, false);
        await().atMost(WAIT).until(() -> ana.snapshot().link("ben").video().sendingCamera());
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> camera.frames() == 0);
        assertThat(ben.snapshot().link("ana").video().cameraFlowing()).isFalse();

        ben.videoPermission("ana", false, true);
        await().atMost(WAIT).until(() -> camera.fresh(10, 2_000));
        await().atMost(WAIT).until(() -> ben.snapshot().link("ana").video().cameraFlowing());
        await().atMost(WAIT).until(() -> events.contains("ana CAMERA true"));
        assertThat(ana.snapshot().link("ben").video().sendingCamera()).isTrue();
        assertThat(pixel.bgra.get()[3]).as("opaque").isEqualTo(255);

        ana.setCamera(false);
        await().atMost(WAIT).until(() -> !ben.snapshot().link("ana").video().cameraFlowing());
        await().atMost(WAIT).until(() -> events.contains("ana CAMERA false"));
        long frames = camera.frames();
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> camera.frames() == frames);
        assertThat(ben.snapshot().link("ana").video().camera()).isFalse();
        assertThat(ben.snapshot().link("ana").video().cameraStalled()).isFalse();

        ana.shareScreen(TestPattern.screen());
        await().atMost(WAIT).until(() -> screen.fresh(3, 2_000));
        assertThat(ben.snapshot().link("ana").video().screen()).isTrue();
        assertThat(ana.snapshot().sharing()).isTrue();
        ana.stopSharing();
        await().atMost(WAIT).until(() -> !ben.snapshot().link("ana").video().screenFlowing());

        signalling.unlink("ana", "ben");
        await().atMost(WAIT).until(() -> ben.snapshot().links().isEmpty() && ana.snapshot().links().isEmpty());
    }

    /**
     * The camera and screen sections name VP8 and its retransmission format only, in the offer and
     * in the answer: not every codec WebRTC has (see {@link LinkVideo#preferredCodecs}).
     */
    @Test
    void videoSectionsNegotiateVp8Only() {
        signalling.link("ana", "ben");
        await().atMost(WAIT).until(() -> ben.snapshot().link("ana") != null
                && ben.snapshot().link("ana").state() == LinkState.State.CONNECTED);
        for (String key : List.of("ana offer", "ben answer")) {
            String sdp = signalling.descriptions.get(key);
            assertThat(sdp).as(key).isNotNull();
            List<String> sections = List.of(sdp.split("(?=\r?\nm=)"));
            List<String> video = sections.stream().filter(m -> m.trim().startsWith("m=video")).toList();
            assertThat(video).as(key + ": camera and screen").hasSize(2);
            for (String section : video) {
                List<String> codecs = section.lines().filter(l -> l.startsWith("a=rtpmap:"))
                        .map(l -> l.substring(l.indexOf(' ') + 1, l.indexOf('/'))).distinct().toList();
                assertThat(codecs).as(key).containsExactlyInAnyOrder("VP8", "rtx");
            }
            assertThat(sections.stream().filter(m -> m.trim().startsWith("m=audio")).findFirst().orElseThrow())
                    .as(key + ": the voice keeps Opus").contains("opus/48000");
        }
        signalling.unlink("ana", "ben");
    }

    @Test
    void myCameraIsSentSmallerTheMoreLinksCarryIt() {
        var config = VoiceConfig.defaults().withChime(false).withProcessing(VoiceProcessing.Options.NONE);
        positions.put("cal", 100, 160);
        positions.put("dan", 40, 100);
        var cal = new VoiceEngine(config, new HeadlessAudio(), null, null, signalling.of("cal"), positions.seenBy("cal"));
        var dan = new VoiceEngine(config, new HeadlessAudio(), null, null, signalling.of("dan"), positions.seenBy("dan"));
        try {
            signalling.register("cal", cal);
            signalling.register("dan", dan);
            var width = new java.util.concurrent.atomic.AtomicInteger();
            ben.addVideoSink("ana", VideoKind.CAMERA, frame -> width.set(frame.buffer.getWidth()));
            ana.useCamera(VideoDevice.testPattern());
            ana.setCamera(true);
            for (var peer : List.of("ben", "cal", "dan")) {
                signalling.link("ana", peer);
                ana.videoPermission(peer, true, false);
            }
            ben.videoPermission("ana", false, true);
            // Three links carry my camera: 480 × 270 at most (the capture is 640 × 360).
            await().atMost(WAIT).until(() -> width.get() > 0 && ana.snapshot().links().stream()
                    .filter(l -> l.video().sendingCamera()).count() == 3);
            await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> width.get() > 0 && width.get() <= 480);
            // Two: full size again.
            signalling.unlink("ana", "dan");
            await().atMost(WAIT).until(() -> width.get() > 480);
            System.out.printf("Ana's camera at Ben with two links: %d px wide%n", width.get());
        } finally {
            cal.close();
            dan.close();
        }
    }

    @Test
    void aCameraThatCannotOpenLeavesTheCallWithVoiceAndSaysSo() {
        var problems = new CopyOnWriteArrayList<String>();
        ana.addListener(new VoiceListener() {
            @Override
            public void videoProblem(String message) {
                problems.add(message);
            }
        });
        signalling.link("ana", "ben");
        await().atMost(WAIT).until(() -> ben.snapshot().link("ana") != null
                && ben.snapshot().link("ana").state() == LinkState.State.CONNECTED);
        ana.useCamera(new VideoDevice("/dev/video-unplugged", "Unplugged camera"));
        ana.setCamera(true);
        await().atMost(WAIT).until(() -> !problems.isEmpty());
        assertThat(problems.getFirst()).contains("Unplugged camera").contains("voice");
        assertThat(ana.snapshot().camera()).isFalse();
        assertThat(ana.snapshot().link("ben").state()).isEqualTo(LinkState.State.CONNECTED);
    }
}
