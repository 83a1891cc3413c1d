package io.skyscope.desktop.spaces;

import io.skyscope.client.Tokens;
import io.skyscope.desktop.session.ServerAddress;
import io.skyscope.desktop.settings.Settings;
import io.skyscope.desktop.ui.Problems;
import io.skyscope.protocol.rest.SpaceView;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The space picker's model: my spaces and the public ones, creating a space, joining through an
 * invite link, entering a space and signing out. REST calls run on the background executor.
 */
public final class SpacePickerModel {
    private final Tokens session;
    private final Settings settings;
    private final Executor background;
    private final Executor fx;
    private final Consumer<SpaceView> onEnter;
    private final Runnable onSignedOut;
    private final ObservableList<SpaceView> mine = FXCollections.observableArrayList();
    private final ObservableList<SpaceView> publicSpaces = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    public SpacePickerModel(Tokens session, Settings settings, Executor background, Executor fx, Consumer<SpaceView> onEnter,
                            Runnable onSignedOut) {
        this.session = session;
        this.settings = settings;
        this.background = background;
        this.fx = fx;
        this.onEnter = onEnter;
        this.onSignedOut = onSignedOut;
    }

    public String username() {
        return session.username();
    }

    public String serverAddress() {
        return session.api().base().toString();
    }

    /** Spaces I belong to (any role). */
    public ObservableList<SpaceView> mySpaces() {
        return FXCollections.unmodifiableObservableList(mine);
    }

    /** Public spaces I am not a member of yet. */
    public ObservableList<SpaceView> publicSpaces() {
        return FXCollections.unmodifiableObservableList(publicSpaces);
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public void refresh() {
        call(() -> session.api().spaces(session.accessToken()).spaces(), this::show);
    }

    public void create(String name, boolean isPublic) {
        if (name == null || name.isBlank()) {
            error.set("Give the new space a name.");
            return;
        }
        call(() -> session.api().createSpace(session.accessToken(), name.strip(), isPublic ? "public" : "private"),
                created -> {
                    refresh();
                    onEnter.accept(created);
                });
    }

    /** Accepts an invite (a link or a bare code) and enters the space it opens. */
    public void joinInvite(String linkOrCode) {
        String code;
        try {
            code = ServerAddress.inviteCode(linkOrCode);
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        call(() -> session.api().send("POST", "api/v1/invites/" + java.net.URLEncoder.encode(code,
                        java.nio.charset.StandardCharsets.UTF_8) + "/accept", session.accessToken(), null, SpaceView.class),
                joined -> {
                    refresh();
                    onEnter.accept(joined);
                });
    }

    public void enter(SpaceView space) {
        onEnter.accept(space);
    }

    public void signOut() {
        busy.set(true);
        background.execute(() -> {
            session.signOut();
            settings.refreshToken(null); // forgetting the saved session is what matters
            fx.execute(() -> {
                busy.set(false);
                onSignedOut.run();
            });
        });
    }

    private void show(List<SpaceView> spaces) {
        mine.setAll(spaces.stream().filter(s -> s.myRole() != null).toList());
        publicSpaces.setAll(spaces.stream().filter(s -> s.myRole() == null).toList());
    }

    private <T> void call(Supplier<T> request, Consumer<T> then) {
        busy.set(true);
        error.set("");
        background.execute(() -> {
            try {
                T result = request.get();
                fx.execute(() -> {
                    busy.set(false);
                    then.accept(result);
                });
            } catch (RuntimeException e) {
                String message = Problems.describe(e, serverAddress());
                fx.execute(() -> {
                    busy.set(false);
                    error.set(message);
                });
            }
        });
    }
}
