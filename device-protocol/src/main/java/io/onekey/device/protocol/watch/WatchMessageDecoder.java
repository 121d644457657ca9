package io.onekey.device.protocol.watch;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.onekey.device.session.InvalidFrame;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns one bracketed frame into a {@link WatchMessage}, or an {@link InvalidFrame} naming
 * what is wrong. The length field is parsed but not enforced: real devices miscount it (see
 * the captured frames), and the frame was already cut by bracket nesting.
 */
public final class WatchMessageDecoder extends MessageToMessageDecoder<ByteBuf> {

    private static final Pattern MAKER = Pattern.compile("[0-9A-Za-z]{1,4}");
    private static final Pattern DEVICE_ID = Pattern.compile("[0-9A-Za-z]{1,24}");
    private static final Pattern HEX4 = Pattern.compile("[0-9A-Fa-f]{4}");

    public WatchMessageDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        out.add(decode(frame.toString(StandardCharsets.ISO_8859_1)));
    }

    /** Decodes a whole frame, brackets included; text is taken byte for byte (ISO-8859-1). */
    public static Object decode(String frame) {
        if (frame.length() < 2 || frame.charAt(0) != '[' || frame.charAt(frame.length() - 1) != ']') {
            return new InvalidFrame("not-bracketed", "frame must start with '[' and end with ']'");
        }
        String body = frame.substring(1, frame.length() - 1);
        String[] head = body.split("\\*", 5);
        if (head.length < 4) {
            return new InvalidFrame("bad-header", "expected maker*id*length*content");
        }
        if (!MAKER.matcher(head[0]).matches()) {
            return new InvalidFrame("bad-maker", "maker code is not 1-4 letters or digits");
        }
        if (!DEVICE_ID.matcher(head[1]).matches()) {
            return new InvalidFrame("bad-device-id", "device id is not 1-24 letters or digits");
        }
        if (!HEX4.matcher(head[2]).matches()) {
            return new InvalidFrame("bad-length-field", "length field is not 4 hex digits");
        }
        boolean indexed = head.length == 5 && HEX4.matcher(head[3]).matches();
        Optional<String> index = indexed ? Optional.of(head[2]) : Optional.empty();
        String lengthField = indexed ? head[3] : head[2];
        String content = indexed ? head[4] : body.substring(head[0].length() + head[1].length() + head[2].length() + 3);
        if (content.isEmpty()) {
            return new InvalidFrame("empty-content", "frame has no content");
        }
        int comma = content.indexOf(',');
        String keyword = comma < 0 ? content : content.substring(0, comma);
        List<String> fields = comma < 0 ? List.of() : Arrays.asList(content.substring(comma + 1).split(",", -1));
        return new WatchMessage(head[0], head[1], index, Integer.parseInt(lengthField, 16), keyword, fields);
    }
}
