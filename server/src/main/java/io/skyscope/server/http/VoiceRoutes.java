package io.skyscope.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.skyscope.protocol.rest.VoiceSettingsView;
import io.skyscope.server.auth.AuthenticatedUser;
import io.skyscope.server.space.SpaceVoiceSettings;
import io.skyscope.server.world.SpaceCommand;
import io.skyscope.server.world.SpaceDirectory;
import java.util.function.Function;

/**
 * A space's voice settings: {@code GET} for anyone who may see the space, {@code PUT} for its
 * owner or admins; a change reaches the running space at once. Thin: the rules are in
 * {@link SpaceVoiceSettings}. Handlers run on HTTP request threads.
 */
public final class VoiceRoutes {
    private final SpaceVoiceSettings voice;
    private final SpaceDirectory owners;
    private final Function<Context, AuthenticatedUser> authenticator;

    public VoiceRoutes(SpaceVoiceSettings voice, SpaceDirectory owners, Function<Context, AuthenticatedUser> authenticator) {
        this.voice = voice;
        this.owners = owners;
        this.authenticator = authenticator;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/spaces/{spaceId}/voice-settings", ctx -> HttpJson.write(ctx, 200,
                SpaceVoiceSettings.view(voice.get(user(ctx), ctx.pathParam("spaceId")))));
        routes.put("/api/v1/spaces/{spaceId}/voice-settings", ctx -> {
            String spaceId = ctx.pathParam("spaceId");
            var settings = voice.update(user(ctx), spaceId, HttpJson.read(ctx, VoiceSettingsView.class));
            owners.submitIfRunning(spaceId, new SpaceCommand.VoiceSettingsChanged(settings));
            HttpJson.write(ctx, 200, SpaceVoiceSettings.view(settings));
        });
    }

    private String user(Context ctx) {
        return authenticator.apply(ctx).userId();
    }
}
