package io.skyscope.desktop.voice;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;

/**
 * The screen model of the voice bar: mute, deafen, devices, who I am connected to and how loud
 * each of them is. A voice engine implements it; the bar and the canvas only read it.
 *
 * <p>Threads: properties and commands belong to the FX thread; {@link #snapshot()} may be read from
 * any thread (the render loop reads it every frame).
 */
public interface VoiceModel {

    /** False while this server (or this build) offers no voice; the bar then says why. */
    ReadOnlyBooleanProperty availableProperty();

    /** Why voice is not available, in words for the user; empty when it is. */
    ReadOnlyStringProperty unavailableReasonProperty();

    ReadOnlyBooleanProperty mutedProperty();

    ReadOnlyBooleanProperty deafenedProperty();

    ObservableList<String> inputDevices();

    ObservableList<String> outputDevices();

    ReadOnlyObjectProperty<String> inputDeviceProperty();

    ReadOnlyObjectProperty<String> outputDeviceProperty();

    /** The people I am connected to right now. */
    ObservableList<VoicePeer> peers();

    void setMuted(boolean muted);

    void setDeafened(boolean deafened);

    void selectInput(String device);

    void selectOutput(String device);

    /** My volume for one person, 0..2. */
    void setVolume(String userId, double volume);

    VoiceSnapshot snapshot();
}
