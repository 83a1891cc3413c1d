package io.skyscope.desktop.video;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the user reads when video goes wrong, from the engine's words. */
class DesktopVideoTest {

    @Test
    void theEnginesWordsBecomeASentenceAboutYourCameraThatSaysTheCallGoesOn() {
        assertThat(DesktopVideo.sentence("my camera stopped: the device was unplugged"))
                .isEqualTo("Your camera stopped: the device was unplugged. The call goes on with sound.");
        assertThat(DesktopVideo.sentence("cannot open camera 'HD' (the call goes on with voice)"))
                .isEqualTo("Cannot open camera 'HD'. The call goes on with sound.");
        assertThat(DesktopVideo.sentence("No camera found.")).isEqualTo("No camera found. The call goes on with sound.");
        assertThat(DesktopVideo.sentence(" ")).isEqualTo("Something went wrong with video. The call goes on with sound.");
    }
}
