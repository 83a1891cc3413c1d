package io.skyscope.client.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import javax.sound.sampled.AudioFormat;
import org.junit.jupiter.api.Test;

/**
 * Java Sound devices. This machine has no sound card, so opening a real line is not tested here;
 * the listing, the error for an unknown device, and the format conversion are.
 */
class JavaSoundAudioTest {
    private final JavaSoundAudio audio = new JavaSoundAudio();

    @Test
    void listsDevicesWithoutFailingAndNamesTheDefault() {
        var inputs = audio.inputs();
        var outputs = audio.outputs();
        System.out.println("Java Sound inputs: " + inputs + "\noutputs: " + outputs);
        assertThat(inputs).allMatch(AudioDevice::input);
        assertThat(outputs).noneMatch(AudioDevice::input);
        assertThat(inputs).filteredOn(AudioDevice::isDefault).allMatch(d -> d.id().equals(JavaSoundAudio.DEFAULT_ID));
    }

    @Test
    void anUnknownDeviceIsRefusedByName() {
        assertThatThrownBy(() -> audio.openInput(new AudioDevice("no such mic", "x", true, false)))
                .hasMessageContaining("no microphone named 'no such mic'");
        assertThatThrownBy(() -> audio.openOutput(new AudioDevice("no such speaker", "x", false, false)))
                .hasMessageContaining("no speaker named 'no such speaker'");
    }

    @Test
    void a44kStereoMicrophoneBecomes48kMonoFrames() {
        var converter = new LineConverter(new AudioFormat(44_100, 16, 2, true, false));
        var tone = SignalSource.tone(440);
        short[] mono48 = new short[4800];
        tone.fill(mono48);
        short[] mono44 = Resampler.resample(mono48, 48_000, 44_100);
        byte[] bytes = new byte[mono44.length * 4];
        for (int i = 0; i < mono44.length; i++) {
            for (int c = 0; c < 2; c++) {
                bytes[4 * i + 2 * c] = (byte) mono44[i];
                bytes[4 * i + 2 * c + 1] = (byte) (mono44[i] >> 8);
            }
        }
        converter.captured(bytes, bytes.length);
        short[] out = new short[4 * Pcm.FRAME];
        short[] frame = new short[Pcm.FRAME];
        for (int f = 0; f < 4; f++) {
            assertThat(converter.takeFrame(frame)).isTrue();
            System.arraycopy(frame, 0, out, f * Pcm.FRAME, Pcm.FRAME);
        }
        assertThat(Goertzel.dominantFrequency(out, 100, 2000, 10)).isCloseTo(440, within(3.0));
        assertThat(Goertzel.amplitude(out, 440)).isCloseTo(8225, within(300.0));
    }

    @Test
    void stereoFramesPlayOnAMonoOrSlowerSpeaker() {
        short[] stereo = new short[2 * Pcm.FRAME];
        for (int i = 0; i < Pcm.FRAME; i++) {
            stereo[2 * i] = 1000;
            stereo[2 * i + 1] = 3000;
        }
        byte[] mono = new LineConverter(new AudioFormat(48_000, 16, 1, true, false)).toLine(stereo);
        assertThat(mono).hasSize(2 * Pcm.FRAME);
        assertThat((short) ((mono[0] & 0xff) | (mono[1] << 8))).isEqualTo((short) 2000);
        var slower = new LineConverter(new AudioFormat(44_100, 16, 2, true, false));
        int total = 0;
        for (int f = 0; f < 100; f++) {
            total += slower.toLine(stereo).length / 4;
        }
        assertThat(total).as("one second at 44.1 kHz").isBetween(44_090, 44_110);
    }
}
