package io.skyscope.desktop.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Error dialogs that tell the user what to do; the stack trace goes to the log, not to the user. */
public final class Dialogs {
    private static final Logger LOG = LoggerFactory.getLogger(Dialogs.class);

    private Dialogs() {
    }

    /** Shows an error; FX thread only. */
    public static void error(Window owner, String headline, String whatToDo) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.setTitle("SkyScope");
        alert.setHeaderText(headline);
        Label body = new Label(whatToDo);
        body.setWrapText(true);
        body.setMaxWidth(420);
        alert.getDialogPane().setContent(body);
        alert.show();
    }

    /** Logs an unexpected failure with its stack trace and shows a dialog that says what to do. */
    public static void unexpected(Window owner, Throwable e) {
        LOG.error("unexpected error", e);
        error(owner, "Something went wrong",
                Problems.describe(e, "the server") + "\n\nIf the app misbehaves now, leave the space and enter it again.");
    }
}
