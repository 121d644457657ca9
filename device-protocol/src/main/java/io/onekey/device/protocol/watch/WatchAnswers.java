package io.onekey.device.protocol.watch;

import java.util.Optional;

/** Which frames the devices expect an answer to, and what it says. */
final class WatchAnswers {

    private WatchAnswers() {
    }

    static Optional<WatchReply> answerTo(WatchMessage message) {
        return switch (message.command()) {
            case LK -> Optional.of(WatchReply.to(message, "LK"));
            case AL, AL_LTE, ALCUSTOMER1, ALCUSTOMER2 -> Optional.of(WatchReply.to(message, "AL"));
            case TKQ -> Optional.of(WatchReply.to(message, "TKQ"));
            case TKQ2 -> Optional.of(WatchReply.to(message, "TKQ2"));
            case INIT -> Optional.of(WatchReply.to(message, "INIT,1"));
            case JXTK -> Optional.of(WatchReply.to(message, "JXTKR,1"));
            // Positions are not answered; nor are the acknowledgements of the server's own commands.
            case UD, UD2, UD3, UD_LTE, UD_WCDMA, WT, CR, FIND, OTHER -> Optional.empty();
        };
    }
}
