package io.skyscope.client.cli;

import io.skyscope.client.ApiError;
import io.skyscope.client.GuestApi;
import io.skyscope.client.PeopleApi;
import io.skyscope.client.Session;
import io.skyscope.protocol.rest.GuestLinkView;
import io.skyscope.protocol.rest.InviteView;
import io.skyscope.protocol.rest.PersonMatch;
import java.util.function.Consumer;

/**
 * The invitation and search lines of a CLI script: {@code find TEXT}, {@code invite-link} and {@code guest-link
 * [SECONDS]}. Each prints what the server answered, or fails with its error. Runs on the script's
 * thread.
 */
final class InviteLines {
    private final Session session;
    private final Consumer<String> log;

    InviteLines(Session session, Consumer<String> log) {
        this.session = session;
        this.log = log;
    }

    void find(Command.Find f) throws ScriptRunner.Failure {
        try {
            var found = new PeopleApi(session.api()).find(session.tokens().accessToken(), f.query(), null, null);
            log.accept("  found " + found.people().size() + (found.next() == null ? "" : "+"));
            for (PersonMatch p : found.people()) {
                log.accept("    " + p.displayName() + " (@" + p.username() + ", " + p.userId() + ")");
            }
        } catch (ApiError e) {
            throw new ScriptRunner.Failure("find: " + e.getMessage());
        }
    }

    void inviteLink() throws ScriptRunner.Failure {
        try {
            InviteView invite = new GuestApi(session.api()).createInvite(session.tokens().accessToken(),
                    session.spaceId());
            log.accept("  invite link: " + invite.link() + "  app: " + invite.appLink());
        } catch (ApiError e) {
            throw new ScriptRunner.Failure("invite-link: " + e.getMessage());
        }
    }

    void guestLink(Command.GuestLink g) throws ScriptRunner.Failure {
        try {
            GuestLinkView link = new GuestApi(session.api()).createGuestLink(session.tokens().accessToken(),
                    session.spaceId(), g.seconds(), null);
            log.accept("  guest link: " + link.link() + "  app: " + link.appLink() + "  until " + link.expiresAt());
        } catch (ApiError e) {
            throw new ScriptRunner.Failure("guest-link: " + e.getMessage());
        }
    }
}
