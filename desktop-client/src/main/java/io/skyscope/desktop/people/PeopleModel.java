package io.skyscope.desktop.people;

import io.skyscope.client.Session;
import io.skyscope.protocol.ServerMessage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What the office knows of people beyond their avatars: their photos, the profile card shown when
 * someone is clicked, my profile editor and the Following list. Presence carries everyone's photo
 * version; a profile change there also reloads an open card.
 *
 * <p>Threads: FX thread, except REST calls, which run on this model's virtual threads and come
 * back through {@code fx}.
 */
public final class PeopleModel implements AutoCloseable {
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final Photos photos;
    private final ProfileCardModel card;
    private final ProfileEditorModel editor;
    private final FollowingModel following;

    /**
     * @param message opens a direct conversation with someone
     * @param locate  shows someone on the map
     * @param walkTo  walks to a point of this space's map
     */
    public PeopleModel(Session link, Executor fx, Consumer<String> message, Consumer<String> locate,
                       BiConsumer<Double, Double> walkTo) {
        this.photos = new Photos(link, fx);
        this.card = new ProfileCardModel(link, photos, background, fx, message, locate);
        this.editor = new ProfileEditorModel(link, photos, background, fx);
        this.following = new FollowingModel(link, background, fx, locate, walkTo);
        link.onMessage(m -> {
            // presence carries each person's photo version: no card to read for the people here
            switch (m) {
                case ServerMessage.Welcome w -> fx.execute(() -> w.people().forEach(p -> photos.version(p.userId(),
                        p.photo())));
                case ServerMessage.PresenceUpdate u when !u.joined().isEmpty() || !u.changed().isEmpty() ->
                        fx.execute(() -> {
                            u.joined().forEach(p -> photos.version(p.userId(), p.photo()));
                            u.changed().forEach(c -> {
                                photos.version(c.userId(), c.photo());
                                card.changed(c.userId());
                            });
                        });
                default -> { }
            }
        });
    }

    public Photos photos() {
        return photos;
    }

    public ProfileCardModel card() {
        return card;
    }

    public FollowingModel following() {
        return following;
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
