package io.skyscope.desktop.voice;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Mute, deafen, microphone and speaker, and who I am connected to with a volume slider for each.
 * When voice is not available the controls are disabled and the bar says why.
 */
public final class VoiceBar extends HBox {

    public VoiceBar(VoiceModel model) {
        setId("voice-bar");
        getStyleClass().add("voice-bar");
        setSpacing(8);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(6, 10, 6, 10));

        ToggleButton mute = new ToggleButton();
        mute.setId("voice-mute");
        mute.textProperty().bind(Bindings.when(model.mutedProperty()).then("Muted").otherwise("Mic on"));
        mute.selectedProperty().bind(model.mutedProperty());
        mute.setOnAction(e -> model.setMuted(!model.mutedProperty().get()));
        mute.setTooltip(new Tooltip("Mute or unmute your microphone"));

        ToggleButton deafen = new ToggleButton();
        deafen.setId("voice-deafen");
        deafen.textProperty().bind(Bindings.when(model.deafenedProperty()).then("Deafened").otherwise("Sound on"));
        deafen.selectedProperty().bind(model.deafenedProperty());
        deafen.setOnAction(e -> model.setDeafened(!model.deafenedProperty().get()));
        deafen.setTooltip(new Tooltip("Stop hearing everyone (and mute yourself)"));

        ComboBox<String> input = new ComboBox<>(model.inputDevices());
        input.setId("voice-input");
        input.setPromptText("Microphone");
        input.setPrefWidth(150);
        input.valueProperty().addListener((obs, was, is) -> {
            if (is != null && !is.equals(model.inputDeviceProperty().get())) {
                model.selectInput(is);
            }
        });
        model.inputDeviceProperty().addListener((obs, was, is) -> input.setValue(is));
        ComboBox<String> output = new ComboBox<>(model.outputDevices());
        output.setId("voice-output");
        output.setPromptText("Speaker");
        output.setPrefWidth(150);
        output.valueProperty().addListener((obs, was, is) -> {
            if (is != null && !is.equals(model.outputDeviceProperty().get())) {
                model.selectOutput(is);
            }
        });
        model.outputDeviceProperty().addListener((obs, was, is) -> output.setValue(is));

        MenuButton peers = new MenuButton();
        peers.setId("voice-peers");
        peers.textProperty().bind(Bindings.createStringBinding(() -> connectedText(model), model.peers(),
                model.availableProperty()));
        model.peers().addListener((javafx.collections.ListChangeListener<VoicePeer>) c -> fillPeers(peers, model));
        fillPeers(peers, model);

        Label reason = new Label();
        reason.setId("voice-unavailable");
        reason.textProperty().bind(model.unavailableReasonProperty());
        reason.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        reason.visibleProperty().bind(model.availableProperty().not());
        reason.managedProperty().bind(reason.visibleProperty());

        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        for (var control : new javafx.scene.Node[] {mute, deafen, input, output}) {
            control.disableProperty().bind(model.availableProperty().not());
        }
        // Who is in earshot is worth showing even before audio works; empty, there is nothing to open.
        peers.disableProperty().bind(Bindings.isEmpty(model.peers()));
        getChildren().addAll(mute, deafen, input, output, peers, gap, reason);
    }

    private static String connectedText(VoiceModel model) {
        int n = model.peers().size();
        if (n == 0) {
            return model.availableProperty().get() ? "Nobody in earshot" : "Voice off";
        }
        String first = model.peers().get(0).name();
        String verb = model.availableProperty().get() ? "Talking with " : "In earshot: ";
        return n == 1 ? verb + first : verb + first + " and " + (n - 1) + " more";
    }

    private static void fillPeers(MenuButton button, VoiceModel model) {
        button.getItems().clear();
        for (VoicePeer p : model.peers()) {
            Label name = new Label((p.speaking() ? "\u25CF " : "") + p.name() + (p.muted() ? " (muted)" : "")
                    + " · " + p.state());
            Slider volume = new Slider(0, 2, p.volume());
            volume.setPrefWidth(140);
            volume.setDisable(!model.availableProperty().get());
            volume.valueChangingProperty().addListener((obs, was, is) -> {
                if (!is) {
                    model.setVolume(p.userId(), volume.getValue());
                }
            });
            VBox box = new VBox(4, name, volume);
            box.setPadding(new Insets(4));
            CustomMenuItem item = new CustomMenuItem(box, false);
            button.getItems().add(item);
        }
    }
}
