package io.skyscope.desktop.desks;

import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Tooltip;

/**
 * The desk controls outside the map: the toolbar's "My desk" (shown only while I hold one), and
 * the "go to my desk" setting as a checked menu item (in the profile's Settings and on my desk's
 * menu). Each shows the server's value and asks the server to change it; none keeps a
 * value of its own.
 *
 * <p>Threads: FX thread only.
 */
public final class DeskControls {
    static final String GO_TO_DESK = "Go to my desk when I enter a space";

    private DeskControls() {
    }

    /** Walks me to my desk; visible only while I hold one. */
    public static Button myDeskButton(DeskModel desks) {
        Button b = new Button("My desk");
        b.setId("my-desk");
        b.setTooltip(new Tooltip("Walk to your desk"));
        b.visibleProperty().bind(desks.mineProperty().isNotEmpty());
        b.managedProperty().bind(b.visibleProperty());
        b.setOnAction(e -> desks.walkToMine());
        return b;
    }

    /** The setting as an item of my desk's menu, showing the server's value when the menu opened. */
    public static CheckMenuItem goToDeskItem(DeskModel desks) {
        CheckMenuItem item = new CheckMenuItem(GO_TO_DESK);
        item.setId("go-to-desk-item");
        item.setSelected(desks.goToDeskProperty().get());
        item.setOnAction(e -> {
            boolean wanted = item.isSelected();
            item.setSelected(desks.goToDeskProperty().get()); // shown as the server has it, until it changes
            desks.setGoToDesk(wanted);
        });
        return item;
    }

    /** The setting for a menu that stays (the profile's Settings): it follows the server's value. */
    public static CheckMenuItem goToDeskSetting(DeskModel desks) {
        CheckMenuItem item = goToDeskItem(desks);
        item.setId("go-to-desk");
        desks.goToDeskProperty().addListener((obs, was, is) -> item.setSelected(is));
        return item;
    }
}
