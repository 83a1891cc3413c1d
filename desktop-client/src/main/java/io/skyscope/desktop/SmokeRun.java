package io.skyscope.desktop;

import io.skyscope.desktop.office.OfficeModel;
import io.skyscope.desktop.office.PersonRow;
import io.skyscope.desktop.settings.Settings;
import io.skyscope.desktop.ui.FxThread;
import io.skyscope.protocol.rest.SpaceView;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * {@code --smoke-test}: proves an installed app works end to end. It opens the real window, signs
 * in through the sign-in screen, enters a space from the space picker, waits until the office is
 * online with the user's own avatar in it, prints one line and exits 0; anything else exits 1 with
 * what went wrong. The settings live in a throw-away preferences node, removed at the end, so the
 * user's saved server and session are not touched.
 *
 * <pre>
 * SKYSCOPE_PASSWORD=... SkyScope --smoke-test --server URL --user NAME [--space ID] [--timeout SECONDS]
 * </pre>
 *
 * <p>Threads: {@link #run} waits on the calling thread and drives the app on the FX thread.
 */
public final class SmokeRun {
    public static final String FLAG = "--smoke-test";
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final String server;
    private final String user;
    private final String password;
    private final String space;
    private final Duration timeout;

    private SmokeRun(String server, String user, String password, String space, Duration timeout) {
        this.server = server;
        this.user = user;
        this.password = password;
        this.space = space;
        this.timeout = timeout;
    }

    /** Whether the command line asks for a smoke test. */
    public static boolean requested(String[] args) {
        return Stream.of(args).anyMatch(FLAG::equals);
    }

    /** Runs the smoke test and exits the JVM with its result. */
    public static void main(String[] args) {
        int code;
        try {
            code = parse(args).run();
        } catch (IllegalArgumentException e) {
            System.err.println("SkyScope smoke test: " + e.getMessage());
            System.err.println("usage: SKYSCOPE_PASSWORD=... SkyScope --smoke-test --server URL --user NAME"
                    + " [--space ID] [--timeout SECONDS]");
            code = USAGE;
        }
        System.exit(code);
    }

    static SmokeRun parse(String[] args) {
        String server = null;
        String user = null;
        String space = "office";
        long seconds = 60;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case FLAG -> { }
                case "--server" -> server = value(args, ++i, "--server");
                case "--user" -> user = value(args, ++i, "--user");
                case "--space" -> space = value(args, ++i, "--space");
                case "--timeout" -> {
                    String v = value(args, ++i, "--timeout");
                    try {
                        seconds = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        seconds = -1;
                    }
                    if (seconds < 1 || seconds > 3600) {
                        throw new IllegalArgumentException("--timeout must be 1 to 3600 seconds, got '" + v + "'");
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        if (server == null || user == null) {
            throw new IllegalArgumentException("--server and --user are required");
        }
        String password = System.getenv("SKYSCOPE_PASSWORD");
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("set the password in the environment variable SKYSCOPE_PASSWORD");
        }
        return new SmokeRun(server, user, password, space, Duration.ofSeconds(seconds));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private int run() {
        Preferences node = Preferences.userRoot().node("io/skyscope/desktop-smoke/" + UUID.randomUUID());
        Settings settings = new Settings(node);
        settings.server(server);
        long deadline = System.nanoTime() + timeout.toNanos();
        DesktopApp[] app = new DesktopApp[1];
        Stage[] stage = new Stage[1];
        try {
            Platform.startup(() -> { });
            Platform.setImplicitExit(false);
            onFx(() -> {
                stage[0] = new Stage();
                app[0] = new DesktopApp(stage[0], settings, Features.DEFAULT);
                app[0].start();
                app[0].signIn().usernameProperty().set(user);
                app[0].signIn().passwordProperty().set(password);
                app[0].signIn().submit();
                return null;
            });
            await(deadline, "signed in as " + user, () -> {
                String error = app[0].signIn().errorProperty().get();
                if (app[0].picker() == null && !error.isEmpty()) {
                    throw new IllegalStateException("sign-in failed: " + error);
                }
                return app[0].picker() != null;
            });
            SpaceView target = await(deadline, "space '" + space + "' listed", () -> {
                var picker = app[0].picker();
                if (!picker.errorProperty().get().isEmpty()) {
                    throw new IllegalStateException("listing spaces failed: " + picker.errorProperty().get());
                }
                return Stream.concat(picker.mySpaces().stream(), picker.publicSpaces().stream())
                        .filter(s -> s.id().equals(space)).findFirst().orElse(null);
            });
            onFx(() -> {
                app[0].picker().enter(target);
                return null;
            });
            PersonRow me = await(deadline, "in the office of '" + space + "', online", () -> {
                OfficeModel office = app[0].office();
                if (office == null || !office.linkStateProperty().get().isOnline()) {
                    return null;
                }
                return office.people().stream().filter(PersonRow::me).findFirst().orElse(null);
            });
            int people = onFx(() -> app[0].office().people().size());
            System.out.println("SkyScope smoke test passed: signed in to " + server + " as " + user + " (" + me.userId()
                    + "), joined space " + target.id() + " with " + people + " present");
            return OK;
        } catch (RuntimeException e) {
            System.err.println("SkyScope smoke test failed: " + e.getMessage());
            return FAILED;
        } finally {
            close(app[0], stage[0]);
            try {
                node.removeNode();
            } catch (BackingStoreException | IllegalStateException e) {
                System.err.println("could not remove the smoke test's settings: " + e);
            }
        }
    }

    private static void close(DesktopApp app, Stage stage) {
        if (app == null) {
            return;
        }
        try {
            onFx(() -> {
                app.stop();
                stage.close();
                return null;
            });
        } catch (RuntimeException e) {
            System.err.println("error while closing the app: " + e.getMessage());
        }
        Platform.exit();
    }

    /**
     * Checks {@code step} on the FX thread every 100 ms until it yields a value other than null
     * or false, or the deadline passes.
     */
    private static <T> T await(long deadline, String what, Callable<T> step) {
        while (true) {
            T value = onFx(step);
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting until " + what);
            }
        }
    }

    private static <T> T onFx(Callable<T> action) {
        return FxThread.call(action, Duration.ofSeconds(30));
    }
}
