package io.skyscope.desktop.e2e;

import io.skyscope.client.voice.AudioBackend;
import io.skyscope.client.voice.AudioDevice;
import io.skyscope.client.voice.HeadlessAudio;
import java.util.List;

/**
 * Headsets plugged in, in place of Java Sound's devices: two that work, each a {@link HeadlessAudio}
 * (a synthetic microphone and a speaker that records), the first the system's default, and a third
 * whose microphone another program holds, so opening it fails as a busy line does.
 */
final class Headsets implements AudioBackend {
    static final AudioDevice FIRST_MIC = new AudioDevice("headset-1-mic", "Headset 1 microphone", true, true);
    static final AudioDevice SECOND_MIC = new AudioDevice("headset-2-mic", "Headset 2 microphone", true, false);
    static final AudioDevice BUSY_MIC = new AudioDevice("headset-3-mic", "Headset 3 microphone", true, false);
    static final AudioDevice FIRST_SPEAKER = new AudioDevice("headset-1-out", "Headset 1 speaker", false, true);
    static final AudioDevice SECOND_SPEAKER = new AudioDevice("headset-2-out", "Headset 2 speaker", false, false);

    final HeadlessAudio first = new HeadlessAudio();
    final HeadlessAudio second = new HeadlessAudio();

    @Override
    public List<AudioDevice> inputs() {
        return List.of(FIRST_MIC, SECOND_MIC, BUSY_MIC);
    }

    @Override
    public List<AudioDevice> outputs() {
        return List.of(FIRST_SPEAKER, SECOND_SPEAKER);
    }

    @Override
    public AudioInput openInput(AudioDevice device) {
        if (BUSY_MIC.equals(device)) {
            throw new IllegalStateException("cannot open microphone 'headset-3-mic' for 16-bit capture: line busy");
        }
        return (SECOND_MIC.equals(device) ? second : first).openInput(device);
    }

    @Override
    public AudioOutput openOutput(AudioDevice device) {
        return (SECOND_SPEAKER.equals(device) ? second : first).openOutput(device);
    }
}
