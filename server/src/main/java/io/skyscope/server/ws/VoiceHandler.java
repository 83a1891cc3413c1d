package io.skyscope.server.ws;

import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.ClientMessage.VoiceCommand;
import io.skyscope.server.Refused;
import io.skyscope.server.limits.RateLimit;
import io.skyscope.server.space.SpaceVoiceSettings;
import io.skyscope.server.world.SpaceCommand;
import io.skyscope.server.world.SpaceDirectory;

/**
 * Handles the voice family (signal, voice.state, stage.speaker, stage.hand, stage.hands,
 * megaphone.on/off, voice.warmlinks, media.video.*) by handing it to the owner of the session's space, where the
 * voice sets live: the relay check runs there, against the voice sets of that moment. Granting the
 * speaker role is checked and stored here first, and so is the right to watch the raised hands;
 * the megaphone is limited to {@value #MEGAPHONE_SWITCHES_PER_HOUR} switches an hour per person,
 * and whether they manage the space is looked up here. Called on the session's inbound thread.
 */
public final class VoiceHandler {
    private final SpaceDirectory owners;
    private final SpaceVoiceSettings voice;
    static final long MEGAPHONE_SWITCHES_PER_HOUR = 120;
    private final RateLimit megaphone = new RateLimit("megaphone switches", MEGAPHONE_SWITCHES_PER_HOUR);
    /**
     * Publishing and unpublishing in a mixed meeting room, per person an hour: each costs the
     * media server a handle and a negotiation. Turning a camera or a share on and off is a few
     * times a meeting. Answers are not counted here: the server takes one per offer it sent.
     */
    static final long VIDEO_PUBLISHES_PER_HOUR = 120;
    private final RateLimit video = new RateLimit("video publishes", VIDEO_PUBLISHES_PER_HOUR);

    public VoiceHandler(SpaceDirectory owners, SpaceVoiceSettings voice) {
        this.owners = owners;
        this.voice = voice;
    }

    public void handle(ClientSession session, VoiceCommand command) {
        String spaceId = session.spaceId();
        if (spaceId == null) {
            throw new Refused(ErrorCode.NOT_IN_SPACE, "join a space first");
        }
        String userId = session.userId();
        SpaceCommand forOwner = switch (command) {
            case VoiceCommand.Signal s -> new SpaceCommand.Signal(userId, s.to(), s.payload(), s.ref());
            case VoiceCommand.VoiceState v -> new SpaceCommand.VoiceState(userId, v.muted(), v.speaking(), v.camera(),
                    v.screen());
            case VoiceCommand.WarmLinks w -> new SpaceCommand.WarmLinks(userId, w.on(), w.ref());
            case VoiceCommand.StageSpeaker s -> {
                voice.setStageSpeaker(userId, spaceId, s.userId(), s.speaker());
                yield new SpaceCommand.StageSpeaker(userId, s.userId(), s.speaker(), s.ref());
            }
            case VoiceCommand.MegaphoneOn m -> {
                megaphone.acquire(userId);
                if (!voice.mayManage(userId, spaceId)) {
                    throw Refused.forbidden("only the space's owner or an admin can use the megaphone");
                }
                yield new SpaceCommand.Megaphone(userId, true, true, m.ref());
            }
            case VoiceCommand.MegaphoneOff m -> {
                megaphone.acquire(userId);
                yield new SpaceCommand.Megaphone(userId, false, voice.mayManage(userId, spaceId), m.ref());
            }
            case VoiceCommand.StageHand h -> new SpaceCommand.StageHand(userId, h.raised(), h.ref());
            case VoiceCommand.MediaVideoPublish p -> {
                video.acquire(userId);
                yield new SpaceCommand.MediaVideo(userId, SpaceCommand.MediaVideoAction.PUBLISH, p.room(), p.sdp(),
                        p.kinds(), p.ref());
            }
            case VoiceCommand.MediaVideoUnpublish u -> {
                video.acquire(userId);
                yield new SpaceCommand.MediaVideo(userId, SpaceCommand.MediaVideoAction.UNPUBLISH, u.room(), null,
                        null, u.ref());
            }
            case VoiceCommand.MediaVideoAnswer a -> {
                yield new SpaceCommand.MediaVideo(userId, SpaceCommand.MediaVideoAction.ANSWER, a.room(), a.sdp(),
                        null, a.ref());
            }
            case VoiceCommand.StageHands h -> {
                if (!voice.mayManage(userId, spaceId)) {
                    throw Refused.forbidden("only the space's owner or an admin can see the raised hands");
                }
                yield new SpaceCommand.WatchHands(userId, h.ref());
            }
        };
        if (!owners.submit(spaceId, forOwner)) {
            throw Refused.unavailable("space " + spaceId + " is busy; try again");
        }
    }
}
