package io.skyscope.client.cli;

import io.skyscope.client.ApiError;
import io.skyscope.client.OidcSignIn;
import io.skyscope.client.GuestApi;
import io.skyscope.client.InviteLink;
import io.skyscope.client.Session;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.client.Tokens;
import io.skyscope.client.voice.AudioBackend;
import io.skyscope.client.voice.AudioDevice;
import io.skyscope.client.voice.HeadlessAudio;
import io.skyscope.client.voice.JavaSoundAudio;
import io.skyscope.client.voice.SessionVoice;
import io.skyscope.client.voice.VoiceConfig;
import io.skyscope.client.voice.VoiceProcessing;
import io.skyscope.client.voice.Wav;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The headless SkyScope client: signs in, joins a space and runs a script (see the README), or
 * drives a crowd of bots. Exit codes: 0 done, 1 an {@code expect-*} line failed, 2 bad usage or
 * script line, 3 cannot sign in or connect.
 */
public final class Main {
    public static final int OK = 0;
    public static final int EXPECTATION_FAILED = 1;
    public static final int USAGE = 2;
    public static final int CONNECTION = 3;

    private static final String USAGE_TEXT = """
            usage: skyscope-cli --server URL --user NAME [--password PASSWORD] [--register "DISPLAY NAME"]
                                [--space ID] [--script FILE|-] [--no-voice] [--relay-only] [--processing]
                                [--mic DEVICE] [--speaker DEVICE] [--record FILE.wav]
                   skyscope-cli --guest-link LINK --guest-name NAME [--script FILE|-] [--no-voice] …
                   skyscope-cli --server URL --bots N [--bot-prefix bot] [--duration SECONDS] [--bot-voice]
                                [--bot-video]
                   skyscope-cli --server URL --sso [--invite CODE] [--space ID] [--script FILE|-] ...
                   skyscope-cli --devices
              --sso signs in through the server's single sign-on: it prints the address to open in a
              browser on this computer and waits (5 minutes at most) for the sign-in to come back.
              A guest link (https://…/guest/CODE or skyscope://guest/…) joins its space without an account.
              The password may also come from SKYSCOPE_PASSWORD. The script is read from standard input
              unless --script names a file. The script's camera and share send a synthetic test pattern;
              --bot-video turns each bot's camera on with it (and voice on). Exit codes: 0 done, 1 an expect-* line failed,
              2 bad usage or script line, 3 cannot sign in or connect.""";

    private Main() {
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "skyscope-cli-logback.xml");
        }
        System.exit(run(args, System.out, System.err, System.getenv("SKYSCOPE_PASSWORD")));
    }

    /** Runs the CLI and returns its exit code (tests call this). */
    public static int run(String[] args, PrintStream out, PrintStream err, String passwordFromEnv) {
        Map<String, String> o;
        try {
            o = options(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (o.containsKey("devices")) {
            var sound = new JavaSoundAudio();
            out.println("microphones: " + sound.inputs());
            out.println("speakers:    " + sound.outputs());
            return OK;
        }
        if (!o.containsKey("guest-link") && (!o.containsKey("server")
                || (!o.containsKey("user") && !o.containsKey("bots") && !o.containsKey("sso")))) {
            err.println("--server and --user (or --sso, or --bots, or --guest-link) are required");
            err.println(USAGE_TEXT);
            return USAGE;
        }
        try {
            if (o.containsKey("guest-link")) {
                return guest(o, out, err);
            }
            var api = new SkyScopeApi(URI.create(o.get("server")));
            String space = o.getOrDefault("space", "office");
            if (o.containsKey("bots")) {
                return bots(api, space, o, out);
            }
            return script(api, space, o, out, err, o.getOrDefault("password", passwordFromEnv));
        } catch (ApiError e) {
            err.println("cannot sign in: " + e.getMessage());
            return CONNECTION;
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            err.println("cannot connect: " + e.getMessage());
            return CONNECTION;
        } catch (NumberFormatException e) {
            err.println("not a number: " + e.getMessage());
            return USAGE;
        }
    }

    /**
     * Joins by a guest link (the link names the server and the space) and runs the script; a refused
     * join is an {@link ApiError}, reported like a refused sign-in.
     */
    private static int guest(Map<String, String> o, PrintStream out, PrintStream err) {
        if (!o.containsKey("guest-name")) {
            err.println("--guest-link needs --guest-name: the name others see");
            return USAGE;
        }
        InviteLink link;
        try {
            link = InviteLink.parse(o.get("guest-link"));
        } catch (IllegalArgumentException e) {
            err.println("not a guest link: " + e.getMessage());
            return USAGE;
        }
        if (link.kind() != InviteLink.Kind.GUEST) {
            err.println("this is an invite for an account, not a guest link: register with its code instead");
            return USAGE;
        }
        var api = new SkyScopeApi(link.server());
        var joined = new GuestApi(api).join(link.code(), o.get("guest-name"));
        out.println("joined as a guest: " + joined.tokens().username());
        var tokens = Tokens.of(api, joined.tokens());
        return runScript(() -> Session.open(tokens, joined.spaceId(), Session.Options.DEFAULTS), joined.spaceId(),
                o, out, err);
    }

    private static int script(SkyScopeApi api, String space, Map<String, String> o, PrintStream out, PrintStream err,
                              String password) {
        if (password == null && !o.containsKey("sso")) {
            err.println("no password: pass --password or set SKYSCOPE_PASSWORD");
            return USAGE;
        }
        if (o.containsKey("sso")) {
            Tokens tokens;
            try {
                tokens = Tokens.of(api, new OidcSignIn(api).signIn(
                        uri -> out.println("open this address in a browser on this computer to sign in: " + uri),
                        o.get("invite"), Duration.ofMinutes(5)));
            } catch (OidcSignIn.Failed e) {
                err.println("cannot sign in: " + e.getMessage());
                return CONNECTION;
            }
            return runScript(() -> Session.open(tokens, space, Session.Options.DEFAULTS), space, o, out, err);
        }
        var credentials = new Session.Credentials(o.get("user"), password, o.get("register"));
        return runScript(() -> Session.open(api, credentials, space), space, o, out, err);
    }

    /** Opens the session, says who is signed in where, and runs the script (with voice unless told not to). */
    private static int runScript(java.util.function.Supplier<Session> open, String space, Map<String, String> o,
                           PrintStream out, PrintStream err) {
        BufferedReader script;
        try {
            String file = o.getOrDefault("script", "-");
            script = file.equals("-") ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                    : Files.newBufferedReader(Path.of(file));
        } catch (IOException e) {
            err.println("cannot read the script: " + e.getMessage());
            return USAGE;
        }
        try (var session = open.get()) {
            out.println("signed in as " + session.tokens().username() + ", in " + space);
            HeadlessAudio headless = null;
            SessionVoice voice = null;
            if (!o.containsKey("no-voice")) {
                AudioBackend backend;
                if (o.containsKey("mic") || o.containsKey("speaker")) {
                    backend = new JavaSoundAudio();
                } else {
                    headless = new HeadlessAudio();
                    backend = headless;
                }
                var config = VoiceConfig.defaults().withChime(false)
                        .withProcessing(o.containsKey("processing") ? VoiceProcessing.Options.ALL : VoiceProcessing.Options.NONE);
                config = config.withIceServers(config.iceServers(), o.containsKey("relay-only"));
                voice = SessionVoice.attach(session, config, backend, device(o.get("mic"), true),
                        device(o.get("speaker"), false));
            }
            try {
                new ScriptRunner(session, voice, headless, out).run(script);
                return OK;
            } catch (ScriptRunner.Failure e) {
                err.println("FAILED: " + e.getMessage());
                return EXPECTATION_FAILED;
            } catch (Command.SyntaxError e) {
                err.println("script error: " + e.getMessage());
                return USAGE;
            } catch (IOException e) {
                err.println("cannot read the script: " + e.getMessage());
                return USAGE;
            } finally {
                record(o.get("record"), headless, err);
                if (voice != null) {
                    voice.close();
                }
            }
        }
    }

    private static int bots(SkyScopeApi api, String space, Map<String, String> o, PrintStream out) {
        int count = Integer.parseInt(o.get("bots"));
        boolean video = o.containsKey("bot-video");
        try (var bots = Bots.start(api, space, count, o.getOrDefault("bot-prefix", "bot"),
                o.containsKey("bot-voice") || video, video, o.containsKey("relay-only"), out)) {
            Thread main = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(main::interrupt));
            bots.runFor(Long.parseLong(o.getOrDefault("duration", "0")));
            bots.status();
        }
        return OK;
    }

    private static AudioDevice device(String id, boolean input) {
        return id == null ? null : new AudioDevice(id, id, input, false);
    }

    private static void record(String file, HeadlessAudio headless, PrintStream err) {
        if (file == null || headless == null) {
            return;
        }
        try {
            Wav.write(Path.of(file), headless.recorder().last(30_000), 2);
        } catch (IOException e) {
            err.println("cannot write " + file + ": " + e.getMessage());
        }
    }

    private static final java.util.Set<String> FLAGS = java.util.Set.of("no-voice", "relay-only", "processing",
            "devices", "bot-voice", "bot-video", "sso");
    private static final java.util.Set<String> VALUED = java.util.Set.of("server", "user", "password", "register",
            "space", "script", "mic", "speaker", "record", "bots", "bot-prefix", "duration", "invite", "guest-link",
            "guest-name");

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            if (FLAGS.contains(name)) {
                o.put(name, "");
            } else if (VALUED.contains(name)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                o.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        return o;
    }
}
