package io.skyscope.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.skyscope.protocol.rest.ProfileCard;
import io.skyscope.server.Refused;
import io.skyscope.server.auth.AuthenticatedUser;
import io.skyscope.server.profile.PhotoProcessor;
import io.skyscope.server.profile.ProfileService;
import io.skyscope.server.store.ProfilePhotos.Photo;
import io.skyscope.server.store.Users.User;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * REST routes for profile cards and photos under {@code /api/v1}: {@code users/{userId}} (someone's
 * card), {@code users/{userId}/photo} (a size of their photo, with ETag and Cache-Control) and
 * {@code me/photo} (upload, the raw image as the body, or delete). A photo change reaches people in
 * the caller's space as a profile change. Thin; runs on HTTP request threads.
 */
public final class ProfileRoutes {
    private final ProfileService profiles;
    private final Function<Context, AuthenticatedUser> authenticator;
    private final AuthRoutes.AccountEvents events;
    private final BiFunction<String, String, ProfileCard> cards;

    /** @param cards (viewer, userId) → the card the viewer sees, follow figures included */
    public ProfileRoutes(ProfileService profiles, Function<Context, AuthenticatedUser> authenticator,
                         AuthRoutes.AccountEvents events, BiFunction<String, String, ProfileCard> cards) {
        this.profiles = profiles;
        this.authenticator = authenticator;
        this.events = events;
        this.cards = cards;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/users/{userId}", ctx -> {
            String viewer = authenticator.apply(ctx).userId();
            HttpJson.write(ctx, 200, cards.apply(viewer, ctx.pathParam("userId")));
        });
        routes.get("/api/v1/users/{userId}/photo", ctx -> {
            String viewer = authenticator.apply(ctx).userId();
            int size = size(ctx.queryParam("size"));
            Photo photo = profiles.photo(viewer, ctx.pathParam("userId"), size);
            String etag = "\"" + photo.version() + "-" + size + "\"";
            ctx.header("ETag", etag);
            ctx.header("Cache-Control", "private, max-age=" + ProfileService.cacheFor().toSeconds());
            if (etag.equals(ctx.header("If-None-Match"))) {
                ctx.status(304);
                return;
            }
            ctx.contentType("image/png").result(photo.png());
        });
        routes.put("/api/v1/me/photo", ctx -> {
            String userId = authenticator.apply(ctx).userId();
            String type = ctx.contentType() == null ? "" : ctx.contentType();
            if (!type.startsWith("image/png") && !type.startsWith("image/jpeg")) {
                throw Refused.badRequest("photo", "Send the photo as the body, with Content-Type image/png or image/jpeg");
            }
            User updated = profiles.uploadPhoto(userId, body(ctx));
            events.profileChanged(updated);
            HttpJson.write(ctx, 200, AuthRoutes.profile(updated));
        });
        routes.delete("/api/v1/me/photo", ctx -> {
            User updated = profiles.deletePhoto(authenticator.apply(ctx).userId());
            events.profileChanged(updated);
            HttpJson.write(ctx, 200, AuthRoutes.profile(updated));
        });
    }

    /** The body, refusing one over the limit without reading more than one byte past it. */
    private static byte[] body(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > PhotoProcessor.MAX_BYTES) {
            throw Refused.tooLarge("photo", "The photo is larger than " + PhotoProcessor.MAX_BYTES / (1024 * 1024)
                    + " MB");
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes(PhotoProcessor.MAX_BYTES + 1);
            if (bytes.length > PhotoProcessor.MAX_BYTES) {
                throw Refused.tooLarge("photo", "The photo is larger than " + PhotoProcessor.MAX_BYTES / (1024 * 1024)
                        + " MB");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int size(String raw) {
        if (raw == null) {
            return 128;
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw Refused.badRequest("size", "size must be one of " + PhotoProcessor.SIZES);
        }
    }
}
