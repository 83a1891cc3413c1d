package io.skyscope.desktop.people;

import io.skyscope.client.ApiError;
import io.skyscope.client.Session;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Profile photos, fetched off the FX thread and kept by photo version: a person's version comes
 * with their presence (or, for someone not here, from their profile card,
 * {@code GET /api/v1/users/{id}}), the picture from {@code GET /api/v1/users/{id}/photo?size=}. The
 * server gives a new photo a new version (its ETag), so an image kept under a version is never
 * stale and is never fetched twice.
 *
 * <p>Threads: every public method on the FX thread. Fetches run on this object's virtual threads,
 * at most {@value #PARALLEL} at a time, and hand their results back through {@code fx}.
 */
public final class Photos implements AutoCloseable {
    /** Sizes the server scales photos to. */
    public static final int SMALL = 32;
    public static final int MEDIUM = 64;
    public static final int LARGE = 128;
    private static final Logger LOG = LoggerFactory.getLogger(Photos.class);
    private static final int PARALLEL = 4;
    /** A crowd far larger than this is not looked at all at once; start over rather than grow. */
    private static final int MAX_IMAGES = 1500;

    private final Session link;
    private final Executor fx;
    private final ExecutorService fetches = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore parallel = new Semaphore(PARALLEL);
    /** By user id: the photo version, or "" for none. */
    private final Map<String, String> versions = new HashMap<>();
    private final Map<String, Image> images = new HashMap<>();
    private final Map<String, Image> rounds = new HashMap<>();
    private final Set<String> pending = new HashSet<>();
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper();
    private volatile boolean closed;

    public Photos(Session link, Executor fx) {
        this.link = link;
        this.fx = fx;
    }

    /** Goes up whenever a version or a picture arrives: views showing photos redraw. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /**
     * The photo of {@code userId} at {@code size} pixels, or null while it is being fetched or when
     * the person has none (the caller shows the avatar instead).
     */
    public Image photo(String userId, int size) {
        String version = versions.get(userId);
        if (version == null) {
            refresh(userId);
            return null;
        }
        if (version.isEmpty()) {
            return null;
        }
        String key = userId + '/' + version + '/' + size;
        Image image = images.get(key);
        if (image == null && pending.add(key)) {
            fetch(key, () -> {
                byte[] png = link.api().photo(link.tokens().accessToken(), userId, size);
                Image decoded = new Image(new ByteArrayInputStream(png));
                return () -> {
                    if (images.size() >= MAX_IMAGES) {
                        images.clear();
                        rounds.clear();
                    }
                    if (!decoded.isError()) {
                        images.put(key, decoded);
                        revision.set(revision.get() + 1);
                    }
                };
            });
        }
        return image;
    }

    /** The small photo cut to a circle, for name tags on the map; null as for {@link #photo}. */
    public Image round(String userId) {
        Image square = photo(userId, SMALL);
        if (square == null) {
            return null;
        }
        return rounds.computeIfAbsent(userId + '/' + versions.get(userId), k -> {
            Canvas c = new Canvas(SMALL, SMALL);
            GraphicsContext g = c.getGraphicsContext2D();
            g.beginPath();
            g.arc(SMALL / 2.0, SMALL / 2.0, SMALL / 2.0, SMALL / 2.0, 0, 360);
            g.closePath();
            g.clip();
            g.drawImage(square, 0, 0, SMALL, SMALL);
            SnapshotParameters p = new SnapshotParameters();
            p.setFill(Color.TRANSPARENT);
            return c.snapshot(p, null);
        });
    }

    /** The photo version of {@code userId} as a card or my profile just said (null for none). */
    public void version(String userId, String version) {
        String v = version == null ? "" : version;
        if (!v.equals(versions.put(userId, v))) {
            revision.set(revision.get() + 1);
        }
    }

    /** Reads someone's card again to learn their photo version (their profile changed). */
    public void refresh(String userId) {
        String key = "card/" + userId;
        if (!pending.add(key)) {
            return;
        }
        fetch(key, () -> {
            String photo;
            try {
                photo = link.api().profileCard(link.tokens().accessToken(), userId).photo();
            } catch (ApiError e) {
                if (e.status() != 404) {
                    throw e;
                }
                photo = null; // gone, or no longer sharing a space: show no photo
            }
            String found = photo;
            return () -> version(userId, found);
        });
    }

    /** Runs {@code request} on a fetch thread and what it returns on the FX thread; failures are logged. */
    private void fetch(String key, java.util.concurrent.Callable<Runnable> request) {
        if (closed) {
            return;
        }
        try {
            fetches.execute(() -> {
                Runnable then = null;
                try {
                    parallel.acquire();
                    try {
                        then = request.call();
                    } finally {
                        parallel.release();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    LOG.info("photo request {} failed: {}", key, e.toString());
                }
                Runnable done = then;
                fx.execute(() -> {
                    if (done == null) {
                        failed(key);
                    } else {
                        pending.remove(key);
                        if (!closed) {
                            done.run();
                        }
                    }
                });
            });
        } catch (RejectedExecutionException e) {
            pending.remove(key); // closing
        }
    }

    /**
     * A picture that failed stays pending, so the render loop does not ask for it every frame; a
     * card that failed counts as no photo until the person's profile changes.
     */
    private void failed(String key) {
        if (key.startsWith("card/")) {
            pending.remove(key);
            versions.putIfAbsent(key.substring("card/".length()), "");
        }
    }

    @Override
    public void close() {
        closed = true;
        fetches.shutdownNow();
    }
}
