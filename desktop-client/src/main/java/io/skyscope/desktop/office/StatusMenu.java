package io.skyscope.desktop.office;

import io.skyscope.desktop.ui.StatusLook;
import io.skyscope.protocol.Status;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;

/** My status: available, busy, away, do not disturb. */
final class StatusMenu extends MenuButton {

    StatusMenu(OfficeModel model) {
        setId("status-menu");
        for (Status s : Status.values()) {
            MenuItem item = new MenuItem(StatusLook.label(s), StatusLook.dot(s));
            item.setId("status-" + s.wireName());
            item.setOnAction(e -> model.setStatus(s));
            getItems().add(item);
        }
        show(model.myStatusProperty().get());
        model.myStatusProperty().addListener((obs, was, is) -> show(is));
    }

    private void show(Status s) {
        setText(StatusLook.label(s));
        setGraphic(StatusLook.dot(s));
    }
}
