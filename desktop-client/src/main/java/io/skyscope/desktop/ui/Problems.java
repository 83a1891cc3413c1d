package io.skyscope.desktop.ui;

import io.skyscope.client.ApiError;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/** Turns exceptions into sentences that say what happened and what to do, for dialogs and forms. */
public final class Problems {

    private Problems() {
    }

    public static String describe(Throwable error, String server) {
        Throwable e = error;
        while (e.getCause() != null && !(e instanceof ApiError)) {
            if (e instanceof ConnectException || e instanceof HttpTimeoutException
                    || e instanceof UnresolvedAddressException) {
                break;
            }
            e = e.getCause();
        }
        if (e instanceof ApiError api) {
            return switch (api.status()) {
                case 429 -> "Too many attempts. Wait a minute, then try again.";
                case 503 -> "The server is busy. Try again in a moment.";
                default -> api.getMessage().replaceFirst("^\\d+ \\S+: ", "");
            };
        }
        if (e instanceof HttpConnectTimeoutException || e instanceof HttpTimeoutException) {
            return "The server at " + server + " did not answer in time. Check your network and the address.";
        }
        if (e instanceof ConnectException || e instanceof UnresolvedAddressException) {
            return "Cannot reach a SkyScope server at " + server
                    + ". Check the address, and that the server is running.";
        }
        if (e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        String m = e.getMessage();
        return (m == null || m.isBlank() ? e.getClass().getSimpleName() : m)
                + ". If this keeps happening, check the server's log.";
    }
}
