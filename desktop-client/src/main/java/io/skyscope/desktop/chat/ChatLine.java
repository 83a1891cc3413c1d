package io.skyscope.desktop.chat;

import java.time.Instant;

/**
 * One message as the chat panel shows it.
 *
 * @param replyTo      the id of the message this one answers, or null
 * @param replySnippet a short quote of that message, or null
 * @param mentionsMe   whether it names me (@username), so it is highlighted
 * @param pending      sent by me but not yet confirmed by the server (e.g. while reconnecting)
 */
public record ChatLine(String id, String authorId, String authorName, String text, Instant sentAt, boolean edited,
                       boolean deleted, String replyTo, String replySnippet, boolean mine, boolean mentionsMe,
                       boolean pending) {
}
