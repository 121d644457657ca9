package io.onekey.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** /openapi.yaml describes every route the server has, and no route it does not have. */
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    @Test
    void theDocumentAndTheRoutesAgree() throws Exception {
        try (RunningServer running = RunningServer.start(Map.of())) {
            HttpResponse<String> response = TestClients.get(running.http("/openapi.yaml"), null);
            assertEquals(200, response.statusCode());
            JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(response.body()).path("paths");
            Set<String> described = new TreeSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                path.getValue().fieldNames().forEachRemaining(method -> {
                    if (METHODS.contains(method)) {
                        described.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                });
            }
            Set<String> served = new TreeSet<>(running.server.httpRoutes());
            Set<String> undocumented = new TreeSet<>(served);
            undocumented.removeAll(described);
            Set<String> phantom = new TreeSet<>(described);
            phantom.removeAll(served);
            assertEquals(Set.of(), undocumented, "routes missing from /openapi.yaml");
            assertEquals(Set.of(), phantom, "routes described in /openapi.yaml that the server does not have");
        }
    }
}
