package io.skyscope.desktop.voice;

import atlantafx.base.theme.Styles;
import io.skyscope.client.voice.AudioDevice;
import io.skyscope.desktop.ui.Dialogs;
import io.skyscope.desktop.video.VideoButtons;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.collections.ObservableList;
import javafx.event.EventHandler;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * Mute, deafen, my microphone's level (a microphone test), microphone and speaker, my camera and
 * screen share ({@link VideoButtons}), push-to-talk
 * and its key, who I am in a call with (volume for each), and who hears me — or what is wrong with
 * voice and what to do. Holds the push-to-talk key while no text field has the focus (and lets it
 * go when the window loses the focus), and shows the model's error notices in dialogs. FX thread.
 */
public final class VoiceBar extends HBox {
    private static final List<KeyCode> TALK_KEYS = List.of(KeyCode.T, KeyCode.V, KeyCode.SPACE, KeyCode.CONTROL,
            KeyCode.ALT, KeyCode.BACK_QUOTE, KeyCode.F8);

    public VoiceBar(VoiceModel model) {
        setId("voice-bar");
        getStyleClass().add("voice-bar");
        setSpacing(8);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(6, 10, 6, 10));

        ToggleButton mute = new ToggleButton();
        mute.setId("voice-mute");
        mute.textProperty().bind(Bindings.when(model.hasMicrophoneProperty().not()).then("No mic")
                .otherwise(Bindings.when(model.mutedProperty()).then("Muted").otherwise("Mic on")));
        follow(mute, model.mutedProperty(), model::setMuted);
        mute.setTooltip(new Tooltip("Mute or unmute your microphone"));

        ToggleButton deafen = new ToggleButton();
        deafen.setId("voice-deafen");
        deafen.textProperty().bind(Bindings.when(model.deafenedProperty()).then("Deafened").otherwise("Sound on"));
        follow(deafen, model.deafenedProperty(), model::setDeafened);
        deafen.setTooltip(new Tooltip("Stop hearing everyone (and mute yourself)"));

        ProgressBar meter = new ProgressBar(0);
        meter.setId("voice-meter");
        meter.setPrefWidth(70);
        meter.setMaxHeight(8);
        meter.progressProperty().bind(model.micLevelProperty());
        Tooltip.install(meter, new Tooltip("Your microphone's level: speak to test it (it moves while muted too)"));

        ComboBox<AudioDevice> input = devices("voice-input", "Microphone", model.inputDevices(),
                model.inputDeviceProperty(), model::selectInput, model);
        ComboBox<AudioDevice> output = devices("voice-output", "Speaker", model.outputDevices(),
                model.outputDeviceProperty(), model::selectOutput, model);

        ToggleButton ptt = new ToggleButton("Push to talk");
        ptt.setId("voice-ptt");
        follow(ptt, model.pushToTalkProperty(), model::setPushToTalk);
        ptt.setTooltip(new Tooltip("Your microphone goes out only while you hold the talk key"));
        ComboBox<KeyCode> key = new ComboBox<>();
        key.setId("voice-talk-key");
        key.getItems().setAll(TALK_KEYS);
        key.setConverter(new StringConverter<>() {
            @Override
            public String toString(KeyCode code) {
                return code == null ? "" : code.getName();
            }

            @Override
            public KeyCode fromString(String name) {
                return KeyCode.getKeyCode(name);
            }
        });
        key.setValue(model.talkKeyProperty().get());
        key.valueProperty().addListener((obs, was, is) -> {
            if (is != null) {
                model.setTalkKey(is);
            }
        });
        key.setTooltip(new Tooltip("The key to hold while you talk (not while typing in a text field)"));
        key.visibleProperty().bind(model.pushToTalkProperty());
        key.managedProperty().bind(key.visibleProperty());

        PeersMenu peers = new PeersMenu(model);

        Label status = new Label();
        status.setId("voice-status");
        status.setMinWidth(0);
        status.getStyleClass().addAll(Styles.TEXT_SMALL);
        status.textProperty().bind(Bindings.createStringBinding(() -> statusText(model), model.problemProperty(),
                model.hearMe(), model.availableProperty(), model.transmittingProperty(), model.pushToTalkProperty(),
                model.mutedProperty(), model.talkKeyProperty()));
        status.tooltipProperty().bind(status.textProperty().map(Tooltip::new));
        model.problemProperty().addListener((obs, was, is) -> {
            status.getStyleClass().remove(Styles.WARNING);
            if (!is.isEmpty()) {
                status.getStyleClass().add(Styles.WARNING);
            }
        });

        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox.setHgrow(status, Priority.SOMETIMES);
        for (Node control : new Node[] {mute, deafen, meter, input, output, ptt, key}) {
            control.disableProperty().bind(model.availableProperty().not());
        }
        // A crowded bar squeezes the status text and the lists, never a button's label.
        for (Region button : new Region[] {mute, deafen, ptt}) {
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        peers.setMinWidth(120);
        mute.disableProperty().unbind();
        mute.disableProperty().bind(model.availableProperty().not().or(model.hasMicrophoneProperty().not()));
        getChildren().addAll(mute, deafen, meter, input, output, new VideoButtons(model.video()), ptt, key, peers, gap,
                status);

        model.noticeProperty().addListener((obs, was, n) -> {
            if (n != null && n.error()) {
                // A device that would not open: the lists show again what is really in use.
                input.setValue(model.inputDeviceProperty().get());
                output.setValue(model.outputDeviceProperty().get());
                Window owner = getScene() == null ? null : getScene().getWindow();
                Dialogs.error(owner, n.headline(), n.text());
            }
        });
        EventHandler<KeyEvent> talk = e -> talkKey(model, e);
        // A key let go while another window has the focus never reaches us: stop talking when it goes.
        ChangeListener<Boolean> focus = (obs, was, is) -> {
            if (!is) {
                model.talk(false);
            }
        };
        ChangeListener<Window> window = (obs, was, is) -> {
            if (was != null) {
                was.focusedProperty().removeListener(focus);
            }
            if (is != null) {
                is.focusedProperty().addListener(focus);
            }
        };
        sceneProperty().addListener((obs, was, is) -> {
            if (was != null) {
                was.removeEventFilter(KeyEvent.ANY, talk);
                was.windowProperty().removeListener(window);
                window.changed(null, was.getWindow(), null);
            }
            if (is != null) {
                is.addEventFilter(KeyEvent.ANY, talk);
                is.windowProperty().addListener(window);
                window.changed(null, null, is.getWindow());
            }
        });
    }

    /** A toggle that shows the model's flag and asks the model to flip it (the model may say no). */
    private static void follow(ToggleButton button, ReadOnlyBooleanProperty flag, Consumer<Boolean> set) {
        button.setSelected(flag.get());
        flag.addListener((obs, was, is) -> button.setSelected(is));
        button.setOnAction(e -> {
            set.accept(!flag.get());
            button.setSelected(flag.get());
        });
    }

    private static String statusText(VoiceModel model) {
        if (!model.problemProperty().get().isEmpty()) {
            return model.problemProperty().get();
        }
        if (!model.availableProperty().get()) {
            return "";
        }
        if (model.hearMe().isEmpty()) {
            return "Nobody hears you";
        }
        String who = String.join(", ", model.hearMe());
        if (model.mutedProperty().get()) {
            return "Muted: " + who + " would hear you";
        }
        if (model.pushToTalkProperty().get() && !model.transmittingProperty().get()) {
            return "Heard by " + who + " while you hold " + model.talkKeyProperty().get().getName();
        }
        return "Heard by " + who;
    }

    /** The push-to-talk key, wherever the focus is except in a text field. */
    private static void talkKey(VoiceModel model, KeyEvent e) {
        if (!model.pushToTalkProperty().get() || e.getCode() != model.talkKeyProperty().get()
                || e.getEventType() == KeyEvent.KEY_TYPED) {
            return;
        }
        Scene scene = ((Node) e.getTarget()).getScene();
        if (scene != null && scene.getFocusOwner() instanceof TextInputControl) {
            return;
        }
        model.talk(e.getEventType() == KeyEvent.KEY_PRESSED);
        e.consume();
    }

    private static ComboBox<AudioDevice> devices(String id, String prompt, ObservableList<AudioDevice> items,
                                                 ReadOnlyObjectProperty<AudioDevice> current,
                                                 Consumer<AudioDevice> select, VoiceModel model) {
        ComboBox<AudioDevice> box = new ComboBox<>(items);
        box.setId(id);
        box.setPromptText(prompt);
        box.setPrefWidth(150);
        box.setMinWidth(90);
        box.setCellFactory(list -> new DeviceCell());
        box.setButtonCell(new DeviceCell());
        box.setTooltip(new Tooltip(prompt + ": the list is read again each time you open it"));
        box.setOnShowing(e -> model.refreshDevices());
        box.setValue(current.get());
        current.addListener((obs, was, is) -> box.setValue(is));
        box.valueProperty().addListener((obs, was, is) -> {
            if (is != null && !is.equals(current.get())) {
                select.accept(is);
            }
        });
        return box;
    }

    private static final class DeviceCell extends ListCell<AudioDevice> {
        @Override
        protected void updateItem(AudioDevice device, boolean empty) {
            super.updateItem(device, empty);
            setText(empty || device == null ? null : device.name());
        }
    }
}
