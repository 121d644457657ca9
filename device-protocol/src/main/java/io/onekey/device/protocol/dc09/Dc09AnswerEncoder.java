package io.onekey.device.protocol.dc09;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.onekey.device.protocol.Checksums;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Writes answers as {@code LF CRC LLLL "ACK"seq R L #acct[] CR}. NAK carries the receiver's
 * time; an answer to an encrypted message is {@code "*ACK"} with {@code |]_time} encrypted
 * after the bracket.
 */
@ChannelHandler.Sharable
public final class Dc09AnswerEncoder extends MessageToByteEncoder<Dc09Answer> {

    public Dc09AnswerEncoder() {
        super(Dc09Answer.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Dc09Answer answer, ByteBuf out) {
        out.writeCharSequence(format(answer), StandardCharsets.ISO_8859_1);
    }

    public static String format(Dc09Answer answer) {
        String header = answer.sequence() + answer.receiver() + answer.prefix() + answer.account() + "[";
        String body;
        if (answer.key().isPresent()) {
            String secret = "|]" + Dc09Timestamps.format(answer.receiverTime());
            body = "\"*" + answer.kind() + "\"" + header + Dc09Cipher.encryptPadded(secret, answer.key().get());
        } else if (answer.kind() == Dc09Answer.Kind.NAK) {
            body = "\"NAK\"" + header + "]" + Dc09Timestamps.format(answer.receiverTime());
        } else {
            body = "\"" + answer.kind() + "\"" + header + "]";
        }
        return frame(body);
    }

    /** Wraps a body as LF + CRC + length + body + CR. */
    public static String frame(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        return String.format(Locale.ROOT, "\n%04X%04X%s\r", Checksums.crc16Arc(bytes), bytes.length, body);
    }
}
