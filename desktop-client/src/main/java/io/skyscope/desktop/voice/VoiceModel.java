package io.skyscope.desktop.voice;

import io.skyscope.client.voice.AudioDevice;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;
import javafx.scene.input.KeyCode;

/**
 * The screen model of the voice bar: mute, deafen, push-to-talk, my microphone's level (a
 * microphone test, also while muted), devices, who I am linked to with a volume for each, and who
 * hears me. The bar and the canvas only read it and call its commands.
 *
 * <p>Threads: properties and commands belong to the FX thread; {@link #snapshot()} may be read from
 * any thread (the render loop reads it every frame).
 */
public interface VoiceModel {

    /** False while voice is starting, and for good if it cannot start ({@link #problemProperty} says why). */
    ReadOnlyBooleanProperty availableProperty();

    /** What is wrong with voice now and what to do about it, in words; empty when nothing is. */
    ReadOnlyStringProperty problemProperty();

    /** My microphone does not go out (muted by me, deafened, or there is no microphone). */
    ReadOnlyBooleanProperty mutedProperty();

    ReadOnlyBooleanProperty deafenedProperty();

    /** False when no microphone is in use: others see me muted until one is picked. */
    ReadOnlyBooleanProperty hasMicrophoneProperty();

    ReadOnlyBooleanProperty pushToTalkProperty();

    ReadOnlyObjectProperty<KeyCode> talkKeyProperty();

    /** My microphone goes out right now (unmuted, and the talk key held in push-to-talk). */
    ReadOnlyBooleanProperty transmittingProperty();

    /** My microphone's level, 0 (-60 dBFS or less) to 1 (full scale), measured while muted too. */
    ReadOnlyDoubleProperty micLevelProperty();

    ObservableList<AudioDevice> inputDevices();

    ObservableList<AudioDevice> outputDevices();

    ReadOnlyObjectProperty<AudioDevice> inputDeviceProperty();

    ReadOnlyObjectProperty<AudioDevice> outputDeviceProperty();

    /** Everyone I have a voice link with. */
    ObservableList<VoicePeer> peers();

    /** The names of those who hear me right now. */
    ObservableList<String> hearMe();

    /** The latest thing to tell the user about voice, or null. */
    ReadOnlyObjectProperty<VoiceNotice> noticeProperty();

    void setMuted(boolean muted);

    void setDeafened(boolean deafened);

    void setPushToTalk(boolean on);

    void setTalkKey(KeyCode key);

    /** The push-to-talk key went down or up. */
    void talk(boolean down);

    void selectInput(AudioDevice device);

    void selectOutput(AudioDevice device);

    /** Lists the devices again (one may have been plugged in). */
    void refreshDevices();

    /** My volume for one person, 0 to 2; kept for next time. */
    void setVolume(String userId, double volume);

    CanvasVoiceSnapshot snapshot();

    /** My camera and screen share, and the streams that reach me, on the same links. */
    io.skyscope.desktop.video.VideoModel video();

    /** Plays the notice sound through my speaker (a wave, a knock), unless I am deafened or voice is not running. */
    void ring();
}
