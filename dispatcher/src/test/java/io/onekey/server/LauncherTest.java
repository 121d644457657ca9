package io.onekey.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The launcher's commands that need no build: what a new user types first. */
class LauncherTest {

    private static final Path LAUNCHER = Path.of("..", "onekey").toAbsolutePath().normalize();

    private static String run(String... args) throws IOException, InterruptedException {
        return run(0, args);
    }

    private static String run(int expectedStatus, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 2];
        command[0] = "bash";
        command[1] = LAUNCHER.toString();
        System.arraycopy(args, 0, command, 2, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the launcher answers at once");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(expectedStatus, process.exitValue(), out);
        return out;
    }

    @Test
    void versionIsKnownWithoutABuild() throws Exception {
        String pom = Files.readString(LAUNCHER.resolveSibling("pom.xml"));
        String version = pom.substring(pom.indexOf("<version>") + "<version>".length(), pom.indexOf("</version>"));
        assertEquals("OneKey " + version, run("--version").trim());
        assertEquals("OneKey " + version, run("version").trim());
    }

    @Test
    void helpMentionsTheVersionCommand() throws Exception {
        assertTrue(run("help").contains("version"));
    }

    @Test
    void theDemoRefusesAShareOfWaitingCrewsThatIsNoShareBeforeStartingAnything() throws Exception {
        String out = run(1, "demo", "--crews-wait", "2");
        assertTrue(out.contains("--crews-wait takes a share between 0 and 1"), out);
    }
}
