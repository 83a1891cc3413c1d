package io.skyscope.protocol;

import java.util.List;

/**
 * The reactions of one emoji on a chat message: its {@link Reactions} short code, how many reacted
 * with it, and who, in the order they reacted: the first {@link Reactions#MAX_LISTED} of them.
 */
public record ChatReaction(String emoji, int count, List<String> userIds) {
    public ChatReaction {
        userIds = userIds == null ? List.of() : List.copyOf(userIds);
    }
}
