package io.skyscope.desktop;

import io.skyscope.client.Session;
import io.skyscope.client.video.RobotScreen;
import io.skyscope.client.voice.AudioBackend;
import io.skyscope.client.voice.JavaSoundAudio;
import io.skyscope.client.voice.VoiceConfig;
import io.skyscope.desktop.chat.ChatModel;
import io.skyscope.desktop.chat.ServerChat;
import io.skyscope.desktop.settings.Settings;
import io.skyscope.desktop.video.VideoModel;
import io.skyscope.desktop.voice.DesktopVoice;
import io.skyscope.desktop.voice.VoiceModel;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Where the chat and voice models of an office come from. Both are made per space, on the FX
 * thread, and closed (if {@link AutoCloseable}) when the space is left.
 */
public interface Features {

    ChatModel chat(Session link, Executor background, Executor fx);

    VoiceModel voice(Session link, Settings settings, Executor background, Executor fx);

    /**
     * The server's chat, and proximity voice through client-core's engine with sound devices from
     * {@code audio} (made on a background thread each time a space is entered).
     */
    static Features standard(Supplier<AudioBackend> audio, VoiceConfig config) {
        return standard(audio, Features::screens, config);
    }

    /** As {@link #standard(Supplier, VoiceConfig)}, with the screens to share listed by {@code screens}. */
    static Features standard(Supplier<AudioBackend> audio, Supplier<List<VideoModel.ScreenChoice>> screens,
                             VoiceConfig config) {
        return new Features() {
            @Override
            public ChatModel chat(Session link, Executor background, Executor fx) {
                return new ServerChat(link, background, fx);
            }

            @Override
            public VoiceModel voice(Session link, Settings settings, Executor background, Executor fx) {
                return new DesktopVoice(link, settings, audio, screens, config, background, fx);
            }
        };
    }

    /**
     * The screens of this display, each shared whole ({@link RobotScreen}); AWT cannot capture one
     * window of another program portably, so there is no window to pick.
     *
     * @throws io.skyscope.client.video.VideoCaptureException if there is no display
     */
    static List<VideoModel.ScreenChoice> screens() {
        return RobotScreen.screens().stream()
                .map(s -> new VideoModel.ScreenChoice(s.name(), () -> s)).toList();
    }

    /** What the app ships: real microphones and speakers through Java Sound, every voice processing stage on. */
    Features DEFAULT = standard(JavaSoundAudio::new, VoiceConfig.defaults());
}
