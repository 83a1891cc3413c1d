package io.skyscope.server.chat;

import io.skyscope.protocol.ErrorCode;
import com.mongodb.MongoException;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.Refused;
import java.time.Duration;

/** The errors chat reports when storage fails; all of them invite a retry. Stateless. */
public final class ChatErrors {
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final String MESSAGE = "messages can't be stored right now; send again with the same "
            + "clientMessageId (nothing is duplicated)";

    private ChatErrors() {
    }

    /** The error frame for a send whose flush failed. */
    static ServerMessage.Error storeUnavailable(String ref) {
        return new ServerMessage.Error(ErrorCode.STORE_UNAVAILABLE.wire(), MESSAGE, ref, null, RETRY_AFTER.toMillis());
    }

    /** Whether an exception means the store could not be reached or could not write. */
    public static boolean isStorageFailure(RuntimeException e) {
        return e instanceof MongoException
                // The driver reports a closed client this way ("state should be: open").
                || (e instanceof IllegalStateException && String.valueOf(e.getMessage()).contains("state should be"));
    }

    public static Refused storeUnavailable() {
        return new Refused(ErrorCode.STORE_UNAVAILABLE, MESSAGE, null, RETRY_AFTER);
    }
}
