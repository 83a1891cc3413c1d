package io.skyscope.desktop.voice;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.World;
import io.skyscope.client.voice.AudioDevice;
import io.skyscope.client.voice.LinkState;
import io.skyscope.client.voice.VoiceSnapshot;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.Status;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the bar and the canvas show, from tables of engine snapshots and server flags. */
class VoiceViewTest {
    private static final World WORLD = new World("me", null, null, Map.of(
            "me", person("me", "Dana"), "ana", person("ana", "Ana"), "ben", person("ben", "Ben"),
            "cy", person("cy", "Cy")));

    @Test
    void whileALinkIsUpTheirAudioDecidesWhetherTheySpeak() {
        var engine = engine(false, false, List.of(
                link("ana", LinkState.State.CONNECTED, -20, true, false),
                link("ben", LinkState.State.CONNECTED, -90, false, false),
                link("cy", LinkState.State.CONNECTING, -120, false, true)), List.of("ana", "ben"));
        // The server still says Ben speaks (a report that lags his audio) and Cy too (no link up yet).
        var flags = new VoiceFlags.Flags(Set.of("ben", "cy"), Set.of());

        VoiceView view = VoiceView.of(engine, flags, WORLD, id -> id.equals("ana") ? 0.5 : 1, 128);

        assertThat(view.canvas().speaking()).containsExactlyInAnyOrder("ana", "cy");
        assertThat(view.canvas().muted()).containsExactly("cy");
        assertThat(view.canvas().hearingRadius()).isEqualTo(128);
        assertThat(view.peers()).extracting(VoicePeer::name).containsExactly("Ana", "Ben", "Cy");
        VoicePeer ana = view.peers().getFirst();
        assertThat(ana.connected()).isTrue();
        assertThat(ana.state()).isEqualTo("connected");
        assertThat(ana.level()).isEqualTo((60 - 20) / 60.0);
        assertThat(ana.volume()).isEqualTo(0.5);
        assertThat(view.peers().get(2).state()).isEqualTo("connecting…");
        assertThat(view.hearMe()).containsExactly("Ana", "Ben");
    }

    @Test
    void myRingAndMyMutedIconComeFromMyEngineNotFromTheServer() {
        var flags = new VoiceFlags.Flags(Set.of(), Set.of("me"));
        VoiceView speaking = VoiceView.of(engine(false, true, List.of(), List.of()), flags, WORLD, id -> 1, 0);
        assertThat(speaking.canvas().speaking()).containsExactly("me");
        assertThat(speaking.canvas().muted()).isEmpty();

        VoiceView muted = VoiceView.of(engine(true, false, List.of(), List.of()), VoiceFlags.Flags.NONE, WORLD,
                id -> 1, 0);
        assertThat(muted.canvas().muted()).containsExactly("me");
        assertThat(muted.canvas().speaking()).isEmpty();
    }

    @Test
    void cameraAndSharingIconsComeFromTheLinkTheServerAndForMeMyEngine() {
        var ana = new LinkState("ana", "proximity", "sendrecv", LinkState.State.CONNECTED, -90, false, false, 1, 1, 100,
                new LinkState.Video(true, true, true, true, true, true, false, false, false, false, null));
        var mine = new VoiceSnapshot(false, false, false, false, true, -30, false, AudioDevice.none(true),
                AudioDevice.none(false), List.of(ana), List.of("ana"), true, null, false);
        // The server says Ben has his camera on (no link with him) and, from an old report, that I share.
        var flags = new VoiceFlags.Flags(Set.of(), Set.of(), Set.of("ben"), Set.of("me"));

        VoiceView view = VoiceView.of(mine, flags, WORLD, id -> 1, 0);

        assertThat(view.canvas().camera()).containsExactlyInAnyOrder("ana", "ben", "me");
        assertThat(view.canvas().sharing()).containsExactly("ana");
    }

    @Test
    void theBarSaysWhichDeviceIsMissing() {
        assertThat(VoiceView.deviceProblem(true, true)).startsWith("No microphone or speaker found");
        assertThat(VoiceView.deviceProblem(true, false)).startsWith("No microphone found");
        assertThat(VoiceView.deviceProblem(false, true)).startsWith("No speaker found");
        assertThat(VoiceView.deviceProblem(false, false)).isEmpty();
    }

    private static VoiceSnapshot engine(boolean muted, boolean speaking, List<LinkState> links, List<String> hearMe) {
        return new VoiceSnapshot(muted, false, false, false, !muted, -30, speaking, AudioDevice.none(true),
                AudioDevice.none(false), links, hearMe);
    }

    private static LinkState link(String peer, LinkState.State state, double level, boolean speaking, boolean muted) {
        return new LinkState(peer, "proximity", "sendrecv", state, level, speaking, muted, 1, 1, 100);
    }

    private static Person person(String id, String name) {
        return new Person(id, name, null, 0, 0, Status.AVAILABLE, null, 0);
    }
}
