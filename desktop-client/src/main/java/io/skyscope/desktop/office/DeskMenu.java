package io.skyscope.desktop.office;

import io.skyscope.desktop.desks.AssignDialog;
import io.skyscope.desktop.desks.DeskControls;
import io.skyscope.desktop.desks.DeskModel;
import io.skyscope.desktop.render.Camera;
import io.skyscope.map.MapDesk;
import io.skyscope.protocol.DeskEvent;
import java.util.Optional;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.MouseEvent;

/**
 * The menu of a desk on the map (a right click on it): claim it when free, free it when mine (and
 * the "go to my desk" setting), leave a note for its holder otherwise, and walk to it. Owners and
 * admins also assign a free desk to someone and free anyone's.
 *
 * <p>Threads: FX thread only.
 */
final class DeskMenu {
    private DeskMenu() {
    }

    /** Shows the menu of the desk under a click of the canvas, if the click hit one. */
    static boolean show(OfficeCanvas canvas, OfficeModel model, MouseEvent click) {
        Camera cam = model.simulation().camera();
        DeskModel desks = model.desks();
        Optional<MapDesk> hit = desks.deskAt(cam.mapX(click.getX(), canvas.getWidth()),
                cam.mapY(click.getY(), canvas.getHeight()));
        if (hit.isEmpty()) {
            return false;
        }
        String desk = hit.get().name();
        Optional<DeskEvent.Holder> holder = desks.holderOf(desk);
        ContextMenu menu = new ContextMenu();
        boolean manager = desks.managerProperty().get();
        if (model.guest()) {
            // a guest may see who holds a desk and walk there, but not claim, free or leave notes
        } else if (desk.equals(desks.mineProperty().get())) {
            menu.getItems().addAll(AvatarMenu.item("Free " + desk, "free-desk", () -> desks.free(desk)),
                    DeskControls.goToDeskItem(desks));
        } else if (holder.isEmpty()) {
            MenuItem claim = AvatarMenu.item("Make " + desk + " my desk", "claim-desk", () -> desks.claim(desk));
            if (!desks.mineProperty().get().isEmpty()) {
                claim.setText("Make " + desk + " my desk (free " + desks.mineProperty().get() + " first)");
                claim.setDisable(true);
            }
            menu.getItems().add(claim);
            if (manager) {
                menu.getItems().add(AvatarMenu.item("Assign " + desk + " to…", "assign-desk",
                        () -> AssignDialog.open(canvas.getScene().getWindow(), desk, desks)));
            }
        } else {
            String name = holder.get().displayName();
            menu.getItems().add(AvatarMenu.item("Leave a note for " + name + "…", "desk-note", () -> {
                TextInputDialog d = new TextInputDialog();
                d.setTitle("A note on " + desk);
                d.setHeaderText(name + " reads it on coming back (one line, at most 500 characters)");
                d.initOwner(canvas.getScene().getWindow());
                d.showAndWait().filter(t -> !t.isBlank()).ifPresent(t -> desks.leaveNote(desk, t));
            }));
            if (manager) {
                menu.getItems().add(AvatarMenu.item("Free " + desk + " (" + name + "'s desk)", "free-their-desk",
                        () -> desks.free(desk)));
            }
        }
        menu.getItems().add(AvatarMenu.item("Walk to " + desk, "walk-to-desk", () -> desks.walkTo(desk)));
        menu.show(canvas, click.getScreenX(), click.getScreenY());
        return true;
    }
}
