package io.skyscope.desktop.voice;

import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The voice model when there is no voice to offer: everything reads as off and the reason says so.
 * Commands are ignored. Used until a voice engine is wired in.
 */
public final class UnavailableVoice implements VoiceModel {
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper reason;
    private final ReadOnlyBooleanWrapper muted = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper deafened = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<String> input = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<String> output = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> none = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList());
    private final ObservableList<VoicePeer> peers = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList());

    public UnavailableVoice(String reason) {
        this.reason = new ReadOnlyStringWrapper(reason);
    }

    public static UnavailableVoice notOnThisServer() {
        return new UnavailableVoice("Voice is not available on this server yet.");
    }

    @Override
    public javafx.beans.property.ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    @Override
    public javafx.beans.property.ReadOnlyStringProperty unavailableReasonProperty() {
        return reason.getReadOnlyProperty();
    }

    @Override
    public javafx.beans.property.ReadOnlyBooleanProperty mutedProperty() {
        return muted.getReadOnlyProperty();
    }

    @Override
    public javafx.beans.property.ReadOnlyBooleanProperty deafenedProperty() {
        return deafened.getReadOnlyProperty();
    }

    @Override
    public ObservableList<String> inputDevices() {
        return none;
    }

    @Override
    public ObservableList<String> outputDevices() {
        return none;
    }

    @Override
    public javafx.beans.property.ReadOnlyObjectProperty<String> inputDeviceProperty() {
        return input.getReadOnlyProperty();
    }

    @Override
    public javafx.beans.property.ReadOnlyObjectProperty<String> outputDeviceProperty() {
        return output.getReadOnlyProperty();
    }

    @Override
    public ObservableList<VoicePeer> peers() {
        return peers;
    }

    @Override
    public void setMuted(boolean value) {
    }

    @Override
    public void setDeafened(boolean value) {
    }

    @Override
    public void selectInput(String device) {
    }

    @Override
    public void selectOutput(String device) {
    }

    @Override
    public void setVolume(String userId, double volume) {
    }

    @Override
    public VoiceSnapshot snapshot() {
        return VoiceSnapshot.NONE;
    }
}
