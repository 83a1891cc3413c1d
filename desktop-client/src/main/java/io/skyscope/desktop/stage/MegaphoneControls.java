package io.skyscope.desktop.stage;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * The megaphone's controls: the toolbar button of the space's owner and admins (speak to
 * everyone, or stop the megaphone while anyone holds it), and the bar above the map that
 * everyone sees while someone speaks to the whole space. FX thread only.
 */
public final class MegaphoneControls {

    private MegaphoneControls() {
    }

    /** Megaphone / Stop megaphone; shown to owners and admins only. */
    public static Button button(StageModel model) {
        Button b = new Button();
        b.setId("megaphone");
        b.getStyleClass().add(Styles.SMALL);
        b.textProperty().bind(model.megaphoneProperty().map(holder -> holder.isEmpty()
                ? "Megaphone" : "Stop megaphone"));
        b.setTooltip(new Tooltip("Speak to everyone in the space, wherever they stand"));
        b.setOnAction(e -> model.toggleMegaphone());
        b.visibleProperty().bind(model.managerProperty());
        b.managedProperty().bind(b.visibleProperty());
        return b;
    }

    /** "Dana is speaking to everyone", while anyone holds the megaphone. */
    public static HBox indicator(StageModel model) {
        Label text = new Label();
        text.setId("megaphone-indicator");
        text.textProperty().bind(Bindings.createStringBinding(() -> (model.megaphoneMineProperty().get() ? "You are" : model.megaphoneProperty().get() + " is")
                + " speaking to everyone", model.megaphoneProperty(), model.megaphoneMineProperty()));
        HBox bar = new HBox(text);
        bar.setId("megaphone-bar");
        bar.setAlignment(Pos.CENTER);
        bar.getStyleClass().add("megaphone-bar");
        bar.visibleProperty().bind(model.megaphoneProperty().isNotEmpty());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }
}
