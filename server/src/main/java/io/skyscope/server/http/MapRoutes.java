package io.skyscope.server.http;

import io.skyscope.server.Refused;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.auth.AuthenticatedUser;
import io.skyscope.server.space.MapCatalog;
import io.skyscope.server.space.SpaceService;
import io.skyscope.server.store.Maps;
import io.skyscope.server.world.SpaceCommand;
import io.skyscope.server.world.SpaceDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Maps over REST: the Tiled JSON and tileset images of a map version (for those who may see a
 * space using it, or its uploader), and uploading a new map for a space (owner or admin), which
 * running spaces switch to at once. Handlers run on HTTP threads.
 */
public final class MapRoutes {
    /** Largest part of a map upload (the map JSON or one image) that Jetty reads. */
    public static final long MAX_PART_BYTES = 4L * 1024 * 1024;
    /** Largest map upload request that Jetty reads. */
    public static final long MAX_UPLOAD_BYTES = 40L * 1024 * 1024;

    private final MapCatalog maps;
    private final SpaceService spaces;
    private final SpaceDirectory owners;
    private final Function<Context, AuthenticatedUser> authenticator;

    public MapRoutes(MapCatalog maps, SpaceService spaces, SpaceDirectory owners,
                     Function<Context, AuthenticatedUser> authenticator) {
        this.maps = maps;
        this.spaces = spaces;
        this.owners = owners;
        this.authenticator = authenticator;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/maps/{mapId}", ctx -> {
            Maps.MapVersion map = find(ctx, authenticator.apply(ctx).userId());
            cacheable(ctx, map);
            ctx.contentType("application/json").result(map.tmj());
        });
        routes.get("/api/v1/maps/{mapId}/images/{name}", ctx -> {
            Maps.MapVersion map = find(ctx, authenticator.apply(ctx).userId());
            byte[] png = map.images().get(ctx.pathParam("name"));
            if (png == null) {
                throw Refused.notFound("map '" + map.mapId() + "' v" + map.version() + " has no image '"
                        + ctx.pathParam("name") + "'");
            }
            cacheable(ctx, map);
            ctx.contentType("image/png").result(png);
        });
        routes.put("/api/v1/spaces/{spaceId}/map", ctx -> {
            String userId = authenticator.apply(ctx).userId();
            String spaceId = ctx.pathParam("spaceId");
            String role = spaces.get(userId, spaceId).role();
            if (!"owner".equals(role) && !"admin".equals(role)) {
                throw Refused.forbidden("only the owner or an admin of the space can upload its map");
            }
            maps.admitUpload(userId, spaceId);
            if (ctx.req().getContentLengthLong() > MAX_UPLOAD_BYTES) {
                throw Refused.tooLarge("map", "The upload is too large: the whole upload may have at most "
                        + MAX_UPLOAD_BYTES + " bytes");
            }
            UploadedFile tmj = multipart(() -> ctx.uploadedFile("map"));
            if (tmj == null) {
                throw Refused.badRequest("map", "send the Tiled JSON map as a multipart file part named 'map'");
            }
            Map<String, byte[]> images = new LinkedHashMap<>();
            for (UploadedFile file : multipart(ctx::uploadedFiles)) {
                if (file != tmj && file.filename() != null) {
                    images.put(file.filename(), read(file));
                }
            }
            Maps.MapVersion saved = maps.upload(spaceId, read(tmj), images, userId);
            var access = spaces.setMap(userId, spaceId, saved.mapId(), saved.version());
            var space = access.space();
            owners.submitIfRunning(spaceId, new SpaceCommand.ReplaceMap(maps.load(saved.mapId(), saved.version()),
                    new ServerMessage.SpaceInfo(space.id(), space.name(), space.mapId(), space.mapVersion())));
            HttpJson.write(ctx, 200, Map.of("spaceId", spaceId, "mapId", saved.mapId(), "mapVersion", saved.version()));
        });
    }

    /** The requested version, if the user may see it; 404 alike for a missing map and one they may not see. */
    private Maps.MapVersion find(Context ctx, String userId) {
        String mapId = ctx.pathParam("mapId");
        String version = ctx.queryParam("version");
        Maps.MapVersion map;
        if (version == null) {
            map = maps.latest(mapId);
        } else {
            try {
                map = maps.version(mapId, Integer.parseInt(version));
            } catch (NumberFormatException e) {
                throw Refused.badRequest("version", "'version' must be a whole number, got '" + version + "'");
            }
        }
        if (!spaces.maySeeMap(userId, mapId, map.uploadedBy())) {
            throw Refused.notFound("no map '" + mapId + "'");
        }
        return map;
    }

    private static void cacheable(Context ctx, Maps.MapVersion map) {
        ctx.header("ETag", "\"" + map.mapId() + "-" + map.version() + "\"");
        ctx.header("Cache-Control", ctx.queryParam("version") != null ? "private, max-age=31536000, immutable" : "no-cache");
    }

    /**
     * Reads the upload's parts. Jetty refuses a part over {@link #MAX_PART_BYTES} or a request over
     * {@link #MAX_UPLOAD_BYTES} while parsing (an {@code IllegalStateException}, wrapped in a
     * {@code ServletException} that Javalin rethrows unchecked): that becomes 413 here, and any
     * other parse failure 400, instead of a 500.
     */
    private static <T> T multipart(Supplier<T> parts) {
        try {
            return parts.get();
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IllegalStateException) {
                    throw Refused.tooLarge("map", "The upload is too large: each part may have at most "
                            + MAX_PART_BYTES + " bytes, the whole upload " + MAX_UPLOAD_BYTES);
                }
            }
            throw Refused.badRequest("map", "could not read the multipart upload: " + e.getMessage());
        }
    }

    private static byte[] read(UploadedFile file) {
        try (InputStream in = file.content()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw Refused.badRequest("map", "could not read the upload: " + e.getMessage());
        }
    }
}
