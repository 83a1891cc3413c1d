package io.skyscope.desktop.e2e;

import io.skyscope.client.voice.AudioBackend;
import io.skyscope.client.voice.AudioDevice;
import io.skyscope.client.voice.HeadlessAudio;
import java.util.List;

/**
 * Two headsets plugged in, each a {@link HeadlessAudio} (a synthetic microphone and a speaker that
 * records): the sound devices a test picks from in the voice bar, in place of Java Sound's. The
 * first is the system's default.
 */
final class TwoHeadsets implements AudioBackend {
    static final AudioDevice FIRST_MIC = new AudioDevice("headset-1-mic", "Headset 1 microphone", true, true);
    static final AudioDevice SECOND_MIC = new AudioDevice("headset-2-mic", "Headset 2 microphone", true, false);
    static final AudioDevice FIRST_SPEAKER = new AudioDevice("headset-1-out", "Headset 1 speaker", false, true);
    static final AudioDevice SECOND_SPEAKER = new AudioDevice("headset-2-out", "Headset 2 speaker", false, false);

    final HeadlessAudio first = new HeadlessAudio();
    final HeadlessAudio second = new HeadlessAudio();

    @Override
    public List<AudioDevice> inputs() {
        return List.of(FIRST_MIC, SECOND_MIC);
    }

    @Override
    public List<AudioDevice> outputs() {
        return List.of(FIRST_SPEAKER, SECOND_SPEAKER);
    }

    @Override
    public AudioInput openInput(AudioDevice device) {
        return (SECOND_MIC.equals(device) ? second : first).openInput(device);
    }

    @Override
    public AudioOutput openOutput(AudioDevice device) {
        return (SECOND_SPEAKER.equals(device) ? second : first).openOutput(device);
    }
}
