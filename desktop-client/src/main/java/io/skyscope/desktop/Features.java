package io.skyscope.desktop;

import io.skyscope.desktop.chat.ChatModel;
import io.skyscope.desktop.chat.ServerChat;
import io.skyscope.desktop.session.ReconnectingConnection;
import io.skyscope.desktop.session.Session;
import io.skyscope.desktop.voice.ServerVoiceSet;
import io.skyscope.desktop.voice.VoiceModel;
import java.util.concurrent.Executor;

/**
 * Where the chat and voice models of an office come from. Both are made per space, on the FX
 * thread, and closed (if {@link AutoCloseable}) when the space is left.
 */
public interface Features {

    ChatModel chat(Session session, ReconnectingConnection link, Executor background, Executor fx);

    VoiceModel voice(Session session, ReconnectingConnection link, Executor background, Executor fx);

    /**
     * What this build offers: the server's chat; voice shows what the server decides (who is in
     * earshot, who speaks or is muted, the hearing range) but has no audio engine yet.
     */
    Features DEFAULT = new Features() {
        @Override
        public ChatModel chat(Session session, ReconnectingConnection link, Executor background, Executor fx) {
            return new ServerChat(session, link, background, fx);
        }

        @Override
        public VoiceModel voice(Session session, ReconnectingConnection link, Executor background, Executor fx) {
            return new ServerVoiceSet(session, link, background, fx);
        }
    };
}
