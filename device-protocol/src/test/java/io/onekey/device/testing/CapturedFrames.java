package io.onekey.device.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Reads the captured-frame files shipped as test resources under {@code /vectors}. */
public final class CapturedFrames {

    private CapturedFrames() {
    }

    public static List<CapturedFrame> load(String resource, Predicate<CapturedFrame> filter) {
        try (InputStream in = CapturedFrames.class.getResourceAsStream("/vectors/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /vectors/" + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<CapturedFrame> frames = new ArrayList<>();
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                CapturedFrame frame = CapturedFrame.parse(number, line);
                if (filter.test(frame)) {
                    frames.add(frame);
                }
            }
            return frames;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Device-to-server watch frames (decoder and frame-decoder cases, real logs). */
    public static List<CapturedFrame> watchDeviceFrames() {
        return load("vectors-watch.txt", f -> (f.label().startsWith("WATCHDEC") || f.label().startsWith("WATCHFRAME")
                || f.label().contains("device->server")) && f.bytes().length > 0 && f.bytes()[0] == '[');
    }

    /** DC-09 messages as panels send them (the receiver answers computed by the source excluded). */
    public static List<CapturedFrame> dc09Messages() {
        return load("vectors-dc09.txt", f -> f.label().startsWith("DC09") && !f.label().contains("computed-response"));
    }

    /** Receiver answers the source computed with the verified CRC, to compare our encoder with. */
    public static List<CapturedFrame> dc09ComputedAnswers() {
        return load("vectors-dc09.txt", f -> f.label().contains("computed-response"));
    }

    /** GT06 frames (hex) from the decoder and frame-decoder cases. */
    public static List<CapturedFrame> gt06Frames() {
        return load("vectors-gt06.txt", f -> f.label().startsWith("GT06") && f.bytes().length > 4
                && (f.bytes()[0] & 0xFF) == (f.bytes()[1] & 0xFF) && ((f.bytes()[0] & 0xFF) == 0x78 || (f.bytes()[0] & 0xFF) == 0x79));
    }

    /** The first captured watch SOS frame: an AL_LTE with only the SOS bit and no GPS fix. */
    public static CapturedFrame watchSos() {
        return watchDeviceFrames().stream().filter(f -> f.analysis().contains("bits=['SOS']")).findFirst().orElseThrow();
    }
}
