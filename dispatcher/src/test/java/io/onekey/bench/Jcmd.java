package io.onekey.bench;

import com.sun.tools.attach.VirtualMachine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Diagnostic commands to a benchmarked JVM ({@code GC.class_histogram}, {@code JFR.start}, …),
 * sent from the conductor's own JVM through the attach API. The {@code jcmd} program would start
 * a JVM of its own for every command, a second of CPU each on a 2-core machine, right before the
 * measured runs; the attach API costs the conductor a few milliseconds. The attach API's command
 * entry point is internal to the JDK: the scripts open it ({@code --add-opens
 * jdk.attach/sun.tools.attach=ALL-UNNAMED}); without that, the {@code jcmd} program is used.
 */
final class Jcmd {

    private Jcmd() {
    }

    /** The command's output, as {@code jcmd PID COMMAND ARGS…} prints it. */
    static String run(long pid, String... commandAndArgs) throws IOException, InterruptedException {
        String line = String.join(" ", commandAndArgs);
        try {
            return attached(pid, line);
        } catch (Exception notAttached) {
            return program(pid, commandAndArgs);
        }
    }

    private static String attached(long pid, String line) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            Method execute = vm.getClass().getSuperclass().getDeclaredMethod("executeJCmd", String.class);
            execute.setAccessible(true);
            try (InputStream out = (InputStream) execute.invoke(vm, line)) {
                // Read as the jcmd program reads, into the start of a buffer: the attach socket's
                // stream mishandles reads at an offset, and readAllBytes() stops after 4 KiB.
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                int n;
                while ((n = out.read(buffer)) > 0) {
                    text.write(buffer, 0, n);
                }
                return text.toString(StandardCharsets.UTF_8);
            }
        } finally {
            vm.detach();
        }
    }

    private static String program(long pid, String... commandAndArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
        command.addAll(List.of(commandAndArgs));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return output;
    }
}
