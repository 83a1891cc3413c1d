package io.skyscope.desktop;

import io.skyscope.desktop.chat.ChatModel;
import io.skyscope.desktop.chat.UnavailableChat;
import io.skyscope.desktop.session.ReconnectingConnection;
import io.skyscope.desktop.session.Session;
import io.skyscope.desktop.voice.UnavailableVoice;
import io.skyscope.desktop.voice.VoiceModel;
import java.util.concurrent.Executor;

/**
 * Where the chat and voice models of an office come from. Both are made per space, on the FX
 * thread, and closed (if {@link AutoCloseable}) when the space is left.
 */
public interface Features {

    ChatModel chat(Session session, ReconnectingConnection link, Executor fx);

    VoiceModel voice(Session session, ReconnectingConnection link, Executor fx);

    /** What this build offers: no chat and no voice backend yet, so both panels say so. */
    Features DEFAULT = new Features() {
        @Override
        public ChatModel chat(Session session, ReconnectingConnection link, Executor fx) {
            return UnavailableChat.notOnThisServer();
        }

        @Override
        public VoiceModel voice(Session session, ReconnectingConnection link, Executor fx) {
            return UnavailableVoice.notOnThisServer();
        }
    };
}
