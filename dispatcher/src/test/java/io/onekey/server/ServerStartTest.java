package io.onekey.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What an operator sees when the server is started by hand: options, and a start that fails. */
class ServerStartTest {

    @Test
    void helpListsEveryDevicePortOption() {
        String help = new CommandLine(new ServerMain()).getUsageMessage();
        for (String option : new String[] {"--http-port", "--dc09-port", "--watch-port", "--gt06-port"}) {
            assertTrue(help.contains(option), option + " in:\n" + help);
        }
    }

    @Test
    void aTakenHttpPortIsNamedWithoutAStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream original = System.err;
            int status;
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                status = new CommandLine(new ServerMain()).execute("--http-port", Integer.toString(port),
                        "--dc09-port", "0", "--watch-port", "0", "--gt06-port", "0",
                        "--store", RunningServer.freshStorePath().toString());
            } finally {
                System.setErr(original);
            }
            String said = err.toString(StandardCharsets.UTF_8);
            assertEquals(1, status, said);
            assertTrue(said.contains("HTTP port " + port + " on 0.0.0.0 is in use"), said);
            assertTrue(said.contains("--http-port or ONEKEY_HTTP_PORT"), said);
            assertFalse(said.contains("\tat "), "no stack trace: " + said);
        }
    }
}
