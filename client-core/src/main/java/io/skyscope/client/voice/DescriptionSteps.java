package io.skyscope.client.voice;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import java.util.function.Consumer;

/**
 * WebRTC's description callbacks (on its signalling thread) as steps handed to a connection's own
 * control-thread runner, which drops them once the connection is closed: what comes next on
 * success, and a failure said in words ("creating a description: ...", "applying a description: ...").
 */
final class DescriptionSteps {
    private final Consumer<Runnable> onControl;
    private final Consumer<String> failed;

    DescriptionSteps(Consumer<Runnable> onControl, Consumer<String> failed) {
        this.onControl = onControl;
        this.failed = failed;
    }

    CreateSessionDescriptionObserver described(Consumer<RTCSessionDescription> next) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                onControl.accept(() -> next.accept(description));
            }

            @Override
            public void onFailure(String error) {
                onControl.accept(() -> failed.accept("creating a description: " + error));
            }
        };
    }

    SetSessionDescriptionObserver applied(Runnable next) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                onControl.accept(next);
            }

            @Override
            public void onFailure(String error) {
                onControl.accept(() -> failed.accept("applying a description: " + error));
            }
        };
    }
}
