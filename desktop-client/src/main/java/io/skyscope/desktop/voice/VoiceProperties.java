package io.skyscope.desktop.voice;

import io.skyscope.client.voice.AudioDevice;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.input.KeyCode;

/**
 * The read-only side of a {@link VoiceModel}: the writable wrappers its implementation sets, and
 * the read-only views the voice bar binds to. FX thread only.
 */
abstract class VoiceProperties implements VoiceModel {
    final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(false);
    final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    final ReadOnlyBooleanWrapper muted = new ReadOnlyBooleanWrapper(true);
    final ReadOnlyBooleanWrapper deafened = new ReadOnlyBooleanWrapper(false);
    final ReadOnlyBooleanWrapper hasMicrophone = new ReadOnlyBooleanWrapper(false);
    final ReadOnlyBooleanWrapper pushToTalk = new ReadOnlyBooleanWrapper(false);
    final ReadOnlyObjectWrapper<KeyCode> talkKey = new ReadOnlyObjectWrapper<>(KeyCode.T);
    final ReadOnlyBooleanWrapper transmitting = new ReadOnlyBooleanWrapper(false);
    final ReadOnlyDoubleWrapper micLevel = new ReadOnlyDoubleWrapper(0);
    final ObservableList<AudioDevice> inputDevices = FXCollections.observableArrayList();
    final ObservableList<AudioDevice> outputDevices = FXCollections.observableArrayList();
    final ReadOnlyObjectWrapper<AudioDevice> inputDevice = new ReadOnlyObjectWrapper<>();
    final ReadOnlyObjectWrapper<AudioDevice> outputDevice = new ReadOnlyObjectWrapper<>();
    final ObservableList<VoicePeer> peers = FXCollections.observableArrayList();
    final ObservableList<String> hearMe = FXCollections.observableArrayList();
    final ReadOnlyObjectWrapper<VoiceNotice> notice = new ReadOnlyObjectWrapper<>();
    private final ObservableList<AudioDevice> inputsView = FXCollections.unmodifiableObservableList(inputDevices);
    private final ObservableList<AudioDevice> outputsView = FXCollections.unmodifiableObservableList(outputDevices);
    private final ObservableList<VoicePeer> peersView = FXCollections.unmodifiableObservableList(peers);
    private final ObservableList<String> hearMeView = FXCollections.unmodifiableObservableList(hearMe);

    static <T> void setIfChanged(ReadOnlyObjectWrapper<T> property, T value) {
        if (!Objects.equals(property.get(), value)) {
            property.set(value);
        }
    }

    @Override
    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty mutedProperty() {
        return muted.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty deafenedProperty() {
        return deafened.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty hasMicrophoneProperty() {
        return hasMicrophone.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty pushToTalkProperty() {
        return pushToTalk.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyObjectProperty<KeyCode> talkKeyProperty() {
        return talkKey.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty transmittingProperty() {
        return transmitting.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyDoubleProperty micLevelProperty() {
        return micLevel.getReadOnlyProperty();
    }

    @Override
    public ObservableList<AudioDevice> inputDevices() {
        return inputsView;
    }

    @Override
    public ObservableList<AudioDevice> outputDevices() {
        return outputsView;
    }

    @Override
    public ReadOnlyObjectProperty<AudioDevice> inputDeviceProperty() {
        return inputDevice.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyObjectProperty<AudioDevice> outputDeviceProperty() {
        return outputDevice.getReadOnlyProperty();
    }

    @Override
    public ObservableList<VoicePeer> peers() {
        return peersView;
    }

    @Override
    public ObservableList<String> hearMe() {
        return hearMeView;
    }

    @Override
    public ReadOnlyObjectProperty<VoiceNotice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
