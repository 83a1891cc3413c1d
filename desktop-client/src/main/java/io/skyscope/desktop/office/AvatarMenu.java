package io.skyscope.desktop.office;

import io.skyscope.desktop.render.AvatarPainter;
import io.skyscope.desktop.render.AvatarView;
import io.skyscope.desktop.render.Camera;
import io.skyscope.desktop.render.RenderFrame;
import io.skyscope.protocol.Status;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.MouseEvent;

/**
 * The menu of someone's avatar on the map (a right click): wave, knock when they do not want to
 * be disturbed, message, follow.
 *
 * <p>Threads: FX thread only.
 */
final class AvatarMenu {
    private AvatarMenu() {
    }

    /** Shows the menu of the avatar under a click of the canvas, if the click hit someone else's. */
    static boolean show(OfficeCanvas canvas, OfficeModel model, MouseEvent click) {
        AvatarView hit = avatarAt(model.lastFrame(), click.getX(), click.getY(), canvas.getWidth(), canvas.getHeight());
        if (hit == null || hit.me()) {
            return false;
        }
        MenuItem wave = item("Wave at " + hit.name(), "wave-" + hit.userId(), () -> model.etiquette().wave(hit.userId()));
        MenuItem message = item("Message " + hit.name(), "avatar-message-" + hit.userId(), () -> model.message(hit.userId()));
        MenuItem follow = item("Follow " + hit.name(), "avatar-follow-" + hit.userId(), () -> model.follow(hit.userId()));
        ContextMenu menu = new ContextMenu(wave);
        if (hit.status() == Status.DND) {
            menu.getItems().add(item("Knock (do not disturb)", "knock-at-" + hit.userId(),
                    () -> model.etiquette().knockAt(hit.userId())));
        }
        menu.getItems().addAll(message, follow);
        menu.show(canvas, click.getScreenX(), click.getScreenY());
        return true;
    }

    /** The front-most avatar drawn at a canvas point, or null. */
    static AvatarView avatarAt(RenderFrame frame, double x, double y, double width, double height) {
        if (frame == null) {
            return null;
        }
        Camera cam = frame.camera();
        double mx = cam.mapX(x, width);
        double my = cam.mapY(y, height);
        AvatarView best = null;
        for (AvatarView a : frame.avatars()) {
            boolean inside = Math.abs(mx - a.x()) <= AvatarPainter.WIDTH / 2 + 2
                    && my <= a.y() + 4 && my >= a.y() - AvatarPainter.HEIGHT;
            if (inside && (best == null || a.y() > best.y())) {
                best = a;
            }
        }
        return best;
    }

    static MenuItem item(String text, String id, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }
}
