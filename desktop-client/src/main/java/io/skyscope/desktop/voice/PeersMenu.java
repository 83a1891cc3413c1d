package io.skyscope.desktop.voice;

import atlantafx.base.theme.Styles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * "Talking with …": who I have a voice link with, and in the menu one row each — speaking dot,
 * muted, how the link stands, whether they hear me, how loud they arrive, and my volume for them.
 * Rows are updated in place (levels change ten times a second) and only added or removed when
 * someone comes or goes, so a slider being dragged is not rebuilt under the mouse. FX thread.
 */
final class PeersMenu extends MenuButton {
    private final VoiceModel model;
    private final Map<String, Row> rows = new HashMap<>();

    PeersMenu(VoiceModel model) {
        this.model = model;
        setId("voice-peers");
        setTooltip(new Tooltip("Who you are in a call with; set a volume for each"));
        textProperty().bind(Bindings.createStringBinding(this::title, model.peers(), model.availableProperty()));
        disableProperty().bind(Bindings.isEmpty(model.peers()));
        model.peers().addListener((ListChangeListener<VoicePeer>) c -> update());
        update();
    }

    private String title() {
        List<VoicePeer> connected = model.peers().stream().filter(VoicePeer::connected).toList();
        if (connected.isEmpty()) {
            if (!model.peers().isEmpty()) {
                return "Connecting to " + model.peers().getFirst().name() + "…";
            }
            return model.availableProperty().get() ? "Nobody in earshot" : "Voice off";
        }
        String first = connected.getFirst().name();
        return connected.size() == 1 ? "Talking with " + first
                : "Talking with " + first + " and " + (connected.size() - 1) + " more";
    }

    private void update() {
        var ids = model.peers().stream().map(VoicePeer::userId).toList();
        if (!ids.equals(getItems().stream().map(i -> (String) i.getUserData()).toList())) {
            getItems().clear();
            rows.keySet().retainAll(ids);
            for (VoicePeer p : model.peers()) {
                Row row = rows.computeIfAbsent(p.userId(), id -> new Row(p));
                getItems().add(row.item);
            }
        }
        model.peers().forEach(p -> rows.get(p.userId()).show(p));
    }

    /** One person's row. */
    private final class Row {
        final CustomMenuItem item;
        final Label name = new Label();
        final Label state = new Label();
        final ProgressBar level = new ProgressBar(0);
        final Slider volume = new Slider(0, 2, 1);
        boolean showing;

        Row(VoicePeer p) {
            name.setId("voice-peer-" + p.userId());
            state.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            level.setPrefWidth(140);
            level.setMaxHeight(6);
            level.setTooltip(new Tooltip("How loud their voice arrives"));
            volume.setId("volume-" + p.userId());
            volume.setPrefWidth(140);
            volume.setTooltip(new Tooltip("Your volume for them (only you hear the difference)"));
            volume.valueChangingProperty().addListener((obs, was, is) -> {
                if (!is) {
                    model.setVolume(p.userId(), volume.getValue());
                }
            });
            volume.valueProperty().addListener((obs, was, is) -> {
                if (!showing && !volume.isValueChanging()) {
                    model.setVolume(p.userId(), is.doubleValue());
                }
            });
            Label volumeLabel = new Label("Volume");
            volumeLabel.getStyleClass().add(Styles.TEXT_SMALL);
            VBox box = new VBox(4, name, state, level, new HBox(6, volumeLabel, volume));
            box.setPadding(new Insets(4));
            item = new CustomMenuItem(box, false);
            item.setUserData(p.userId());
        }

        void show(VoicePeer p) {
            showing = true;
            name.setText((p.speaking() ? "\u25CF " : "") + p.name() + (p.muted() ? " (muted)" : ""));
            name.getStyleClass().remove(Styles.SUCCESS);
            if (p.speaking()) {
                name.getStyleClass().add(Styles.SUCCESS);
            }
            state.setText(p.state() + " · " + p.reason() + (p.hearsMe() ? " · hears you" : ""));
            level.setProgress(p.level());
            if (!volume.isValueChanging() && !volume.isFocused()) {
                volume.setValue(p.volume());
            }
            showing = false;
        }
    }
}
