package io.onekey.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pages' own files: all served from the jar, nothing from elsewhere, no 404 for the icon. */
class ConsoleAssetsTest {

    private static RunningServer running;

    @BeforeAll
    static void start() throws Exception {
        running = RunningServer.start(Map.of());
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    private static HttpResponse<byte[]> fetch(String path) throws Exception {
        return TestClients.HTTP.send(HttpRequest.newBuilder(running.http(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theBrowsersIconIsThere() throws Exception {
        HttpResponse<byte[]> icon = fetch("/favicon.ico");
        assertEquals(200, icon.statusCode());
        assertTrue(icon.body().length > 0);
    }

    @Test
    void everyScriptAPageLoadsIsServedFromTheJar() throws Exception {
        for (String page : new String[] {"/", "/provider.html"}) {
            String html = new String(fetch(page).body(), java.nio.charset.StandardCharsets.UTF_8);
            Matcher script = Pattern.compile("<script src=\"([^\"]+)\"").matcher(html);
            int scripts = 0;
            while (script.find()) {
                scripts++;
                String src = script.group(1);
                assertFalse(URI.create(src).isAbsolute(), page + " loads " + src + " from elsewhere");
                assertEquals(200, fetch("/" + src).statusCode(), src);
            }
            assertTrue(scripts >= 2, page);
        }
    }
}
