package io.skyscope.server.ws;

import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.Refused;
import io.skyscope.server.desks.DeskService;
import io.skyscope.server.world.SpaceGate;
import io.skyscope.server.world.SpaceCommand;
import io.skyscope.server.world.SpaceDirectory;

/**
 * Handles the world family of messages (join, leave, move, status) by handing them to the owner
 * of the session's space. Called on the session's inbound thread.
 */
public final class PresenceHandler {
    private final SpaceDirectory owners;
    private final SpaceGate access;
    private final DeskService desks;

    /** @param desks where someone who starts at their desk sits */
    public PresenceHandler(SpaceDirectory owners, SpaceGate access, DeskService desks) {
        this.owners = owners;
        this.access = access;
        this.desks = desks;
    }

    public void join(ClientSession session, ClientMessage.Join join) {
        var request = access.admit(session.userId(), session.id(), join.spaceId(), join.ref())
                .withPresence(session.presence());
        request = request.startingAt(desks.startFor(session.userId(), join.spaceId()).orElse(null));
        String current = session.spaceId();
        if (current != null && !current.equals(join.spaceId())) {
            leaveQuietly(session);
        }
        submit(join.spaceId(), new SpaceCommand.Join(request));
        session.spaceId(join.spaceId());
    }

    public void leave(ClientSession session, ClientMessage.Leave leave) {
        String spaceId = requireSpace(session);
        submit(spaceId, new SpaceCommand.Leave(session.userId(), session.id(), leave.ref()));
        session.spaceId(null);
    }

    public void move(ClientSession session, ClientMessage.Move move, long receivedNanos) {
        String spaceId = requireSpace(session);
        submit(spaceId, new SpaceCommand.Move(session.userId(), move.x(), move.y(), move.seq(), receivedNanos));
    }

    public void status(ClientSession session, ClientMessage.StatusChange change) {
        access.saveStatus(session.userId(), change.status(), change.text());
        String spaceId = session.spaceId();
        if (spaceId == null) {
            if (change.ref() != null) {
                session.send(new ServerMessage.Ack(change.ref(), "status"));
            }
            return;
        }
        submit(spaceId, new SpaceCommand.SetStatus(session.userId(), change.status(), change.text(), change.ref()));
    }

    /** The connection closed: leave its space unless a newer connection of the user took over. */
    public void disconnected(ClientSession session) {
        leaveQuietly(session);
    }

    private void leaveQuietly(ClientSession session) {
        String spaceId = session.spaceId();
        if (spaceId != null) {
            owners.submitIfRunning(spaceId, new SpaceCommand.Leave(session.userId(), session.id(), null));
            session.spaceId(null);
        }
    }

    private static String requireSpace(ClientSession session) {
        String spaceId = session.spaceId();
        if (spaceId == null) {
            throw new Refused(ErrorCode.NOT_IN_SPACE, "join a space first");
        }
        return spaceId;
    }

    private void submit(String spaceId, SpaceCommand command) {
        if (!owners.submit(spaceId, command)) {
            throw Refused.unavailable("space " + spaceId + " is busy; try again");
        }
    }
}
