package io.skyscope.desktop.people;

import io.skyscope.client.Session;
import io.skyscope.protocol.ServerMessage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * What the office knows of people beyond their avatars: their photos, the profile card shown when
 * someone is clicked, and my profile editor. A profile change in the presence stream makes the
 * photo version be read again, and an open card be reloaded.
 *
 * <p>Threads: FX thread, except REST calls, which run on this model's virtual threads and come
 * back through {@code fx}.
 */
public final class PeopleModel implements AutoCloseable {
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final Photos photos;
    private final ProfileCardModel card;
    private final ProfileEditorModel editor;

    /**
     * @param message opens a direct conversation with someone
     * @param locate  shows someone on the map
     */
    public PeopleModel(Session link, Executor fx, Consumer<String> message, Consumer<String> locate) {
        this.photos = new Photos(link, fx);
        this.card = new ProfileCardModel(link, photos, background, fx, message, locate);
        this.editor = new ProfileEditorModel(link, photos, background, fx);
        link.onMessage(m -> {
            if (m instanceof ServerMessage.PresenceUpdate u && !u.changed().isEmpty()) {
                fx.execute(() -> u.changed().forEach(c -> changed(c.userId())));
            }
        });
    }

    private void changed(String userId) {
        photos.profileChanged(userId);
        card.changed(userId);
    }

    public Photos photos() {
        return photos;
    }

    public ProfileCardModel card() {
        return card;
    }

    public ProfileEditorModel editor() {
        return editor;
    }

    @Override
    public void close() {
        photos.close();
        background.shutdownNow();
    }
}
