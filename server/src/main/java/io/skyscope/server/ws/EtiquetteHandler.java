package io.skyscope.server.ws;

import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.EtiquetteCommand;
import io.skyscope.server.Refused;
import io.skyscope.server.space.SpaceVoiceSettings;
import io.skyscope.server.world.SpaceCommand;
import io.skyscope.server.world.SpaceDirectory;

/**
 * Handles the etiquette family (room locks, knocks, waves, reactions) by handing it to the owner
 * of the session's space, where positions, locks and rate limits live. Only a lock or unlock asks
 * the store first whether the sender is an owner or admin of the space (who may lock and unlock
 * any room from anywhere). Called on the session's inbound thread.
 */
public final class EtiquetteHandler {
    private final SpaceDirectory owners;
    private final SpaceVoiceSettings managers;

    public EtiquetteHandler(SpaceDirectory owners, SpaceVoiceSettings managers) {
        this.owners = owners;
        this.managers = managers;
    }

    public void handle(ClientSession session, EtiquetteCommand command) {
        String spaceId = session.spaceId();
        if (spaceId == null) {
            throw new Refused(ErrorCode.NOT_IN_SPACE, "join a space first");
        }
        boolean manager = switch (command) {
            case EtiquetteCommand.Lock _, EtiquetteCommand.Unlock _ -> managers.mayManage(session.userId(), spaceId);
            case EtiquetteCommand.Knock _, EtiquetteCommand.KnockAnswer _, EtiquetteCommand.Wave _,
                 EtiquetteCommand.React _ -> false;
        };
        if (!owners.submit(spaceId, new SpaceCommand.Etiquette(session.userId(), manager, command))) {
            throw Refused.unavailable("space " + spaceId + " is busy; try again");
        }
    }
}
