package io.skyscope.desktop.tools;

import io.skyscope.client.Session;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.client.video.TestPattern;
import io.skyscope.client.video.VideoDevice;
import io.skyscope.client.voice.HeadlessAudio;
import io.skyscope.client.voice.SessionVoice;
import io.skyscope.client.voice.SignalSource;
import io.skyscope.client.voice.VoiceConfig;
import io.skyscope.client.voice.VoiceProcessing;
import io.skyscope.desktop.map.Area;
import io.skyscope.desktop.map.AreaKindLabel;
import io.skyscope.desktop.map.OfficeMap;
import io.skyscope.map.CollisionGrid;
import io.skyscope.map.PathFinder;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import io.skyscope.protocol.rest.AuthResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Headless people for screenshots and demos: registers {@code count} accounts on a server, joins
 * the default office and has each wander inside one named area (meeting rooms, the silent library,
 * the stage, the audience, the lounge…) at walking pace, with a mix of statuses. Each has voice
 * (client-core's engine with a synthetic microphone): in turns, as in a conversation, it plays a
 * tone of its own, and one keeps its microphone muted. With {@code video}, the two in the first
 * meeting room and the one in a room of the open office turn on their camera (client-core's synthetic test
 * pattern) and the second of them shares a screen (the test pattern too). Stops by itself.
 *
 * <p>Usage: {@code Bots SERVER_URL [COUNT=6] [SECONDS=300] [video]}
 */
public final class Bots {
    private static final String[] NAMES = {"Ada Lovelace", "Grace Hopper", "Alan Turing", "Katherine Johnson",
        "Margaret Hamilton", "Edsger Dijkstra", "Barbara Liskov", "Donald Knuth", "Frances Allen", "Ken Thompson"};
    private static final Status[] STATUSES = {Status.AVAILABLE, Status.BUSY, Status.AVAILABLE, Status.DND,
        Status.AWAY, Status.AVAILABLE};
    private static final String[] STATUS_TEXTS = {null, "In a call", null, "Focus time", "Lunch", null};
    private static final double SPEED = 140;

    private Bots() {
    }

    public static void main(String[] args) throws Exception {
        URI server = URI.create(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        long seconds = args.length > 2 ? Long.parseLong(args[2]) : 300;
        boolean video = args.length > 3 && args[3].equals("video");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        SkyScopeApi api = new SkyScopeApi(server, http);
        long tag = System.currentTimeMillis() % 100_000;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String username = "bot" + tag + "x" + i;
            AuthResponse auth = api.register(username, "bot password " + username, NAMES[i % NAMES.length]);
            int index = i;
            threads.add(Thread.ofVirtual().start(() -> wander(api, auth, index, seconds, video)));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void wander(SkyScopeApi api, AuthResponse auth, int index, long seconds, boolean video) {
        Random random = new Random(index * 7919L);
        var credentials = new Session.Credentials(auth.username(), "bot password " + auth.username(), null);
        HeadlessAudio audio = new HeadlessAudio();
        try (Session session = Session.open(api, credentials, "office");
             SessionVoice voice = SessionVoice.attach(session, VoiceConfig.defaults().withChime(false)
                     .withProcessing(VoiceProcessing.Options.NONE), audio, null, null)) {
            ServerMessage.Welcome welcome = session.welcome();
            OfficeMap map = OfficeMap.read(api.map(session.auth().accessToken(), welcome.space().mapId(),
                    welcome.space().mapVersion()));
            CollisionGrid grid = map.collision();
            PathFinder paths = new PathFinder(grid);
            Area home = home(map, index);
            session.setStatus(STATUSES[index % STATUSES.length], STATUS_TEXTS[index % STATUS_TEXTS.length]);
            Person me = welcome.you();
            double x = me.x();
            double y = me.y();
            Deque<PathFinder.Point> route = new ArrayDeque<>(paths.find(x, y, home.centerX(), home.centerY()));
            chat(session, index);
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            boolean mutedBot = index == 4;
            voice.engine().setMuted(mutedBot);
            if (video && (index == 0 || index == 1 || index == 5)) {
                voice.engine().useCamera(VideoDevice.testPattern());
                voice.engine().setCamera(true);
            }
            if (video && index == 1) {
                voice.engine().shareScreen(TestPattern.screen());
            }
            // A tone of its own for each bot, in turns, as people in a conversation take turns.
            SignalSource tone = SignalSource.tone(220 + 55 * index, -18);
            boolean speaking = false;
            long nextTurn = System.nanoTime();
            while (System.nanoTime() < end && session.state() != Session.State.CLOSED) {
                if (System.nanoTime() >= nextTurn) {
                    speaking = !mutedBot && !speaking && random.nextInt(3) > 0;
                    audio.play(speaking ? tone : SignalSource.SILENCE);
                    nextTurn = System.nanoTime() + (1_500 + random.nextInt(3_000)) * 1_000_000L;
                }
                if (route.isEmpty()) {
                    Thread.sleep(800 + random.nextInt(2500));
                    double tx = home.x() + 20 + random.nextDouble() * (home.width() - 40);
                    double ty = home.y() + 20 + random.nextDouble() * (home.height() - 40);
                    if (grid.walkable(tx, ty)) {
                        route.addAll(paths.find(x, y, tx, ty));
                    }
                    continue;
                }
                double budget = SPEED * 0.1;
                while (budget > 0 && !route.isEmpty()) {
                    PathFinder.Point p = route.peekFirst();
                    double d = Math.hypot(p.x() - x, p.y() - y);
                    if (d <= budget) {
                        x = p.x();
                        y = p.y();
                        route.removeFirst();
                        budget -= d;
                    } else {
                        x += (p.x() - x) / d * budget;
                        y += (p.y() - y) / d * budget;
                        budget = 0;
                    }
                }
                session.move(x, y);
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            System.err.println("bot " + index + " stopped: " + e.getMessage());
        }
    }

    private static final String[] LINES = {
        "Stand-up moves to 10:15 today, the boardroom is booked until then.",
        "Thanks! I'll bring the release notes.",
        "Town hall slides are in the shared folder.",
        "Quiet please, the library is for focus time :)",
        "Lunch at 12:30, anyone?",
        "Count me in for lunch.",
    };

    /** Each bot says one thing in the space channel, a little after the one before it. */
    private static void chat(Session session, int index) throws InterruptedException {
        if (index < LINES.length) {
            Thread.sleep(400L * index);
            session.say("space", LINES[index]);
        }
    }

    /** Spreads bots over areas of different kinds so every kind has someone in it. */
    private static Area home(OfficeMap map, int index) {
        AreaKindLabel[] order = {AreaKindLabel.MEETING_ROOM, AreaKindLabel.MEETING_ROOM, AreaKindLabel.STAGE, AreaKindLabel.SILENT_ZONE,
            AreaKindLabel.AUDIENCE, AreaKindLabel.ROOM, AreaKindLabel.MEETING_ROOM, AreaKindLabel.ROOM};
        AreaKindLabel kind = order[index % order.length];
        // A plain room that holds no other area (a town hall holds its stage): open office, where
        // calls follow proximity and cameras show beside avatars.
        List<Area> matching = map.areas().stream().filter(a -> a.kind() == kind)
                .filter(a -> kind != AreaKindLabel.ROOM || map.areas().stream().noneMatch(b -> b != a && within(b, a)))
                .toList();
        if (matching.isEmpty()) {
            return map.areas().getFirst();
        }
        return matching.get((index / order.length) % matching.size());
    }

    private static boolean within(Area inner, Area outer) {
        return inner.x() >= outer.x() && inner.y() >= outer.y() && inner.x() + inner.width() <= outer.x() + outer.width()
                && inner.y() + inner.height() <= outer.y() + outer.height();
    }
}
