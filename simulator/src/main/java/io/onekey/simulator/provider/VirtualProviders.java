package io.onekey.simulator.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onekey.simulator.town.Town;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Providers' screens: each provider of the town gets a token from the admin API and keeps a
 * WebSocket open on the live feed. Offered a job, a virtual crew answers after a couple of
 * seconds (one in ten declines), reports on scene, and completes, as real crews do, only faster.
 * On a share of the jobs the crew waits for an operator to acknowledge the alert before it
 * sets off, as crews waiting for the call centre's briefing do: those alerts stay open until
 * somebody at the console acts, so the demo leaves the operators real work.
 */
public final class VirtualProviders implements AutoCloseable {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String adminToken;
    private final PrintStream log;
    private final List<WebSocket> sockets = new ArrayList<>();
    private final AtomicLong offers = new AtomicLong();
    private final java.util.Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Random random = new java.util.Random(11);
    private final java.util.concurrent.ScheduledExecutorService crews =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "virtual-crews");
                t.setDaemon(true);
                return t;
            });

    private final double waitForOperatorShare;
    private volatile Town town;

    public VirtualProviders(String baseUrl, String adminToken, PrintStream log) {
        this(baseUrl, adminToken, log, 0);
    }

    /** @param waitForOperatorShare the share of jobs (0 to 1) on which the crew waits for an operator's acknowledgement */
    public VirtualProviders(String baseUrl, String adminToken, PrintStream log, double waitForOperatorShare) {
        if (!(waitForOperatorShare >= 0 && waitForOperatorShare <= 1)) {
            throw new IllegalArgumentException("the share of crews waiting for an operator must be between 0 and 1");
        }
        this.waitForOperatorShare = waitForOperatorShare;
        this.baseUrl = baseUrl;
        this.adminToken = adminToken;
        this.log = log;
    }

    public void connectAll(Town town) throws Exception {
        this.town = town;
        for (Town.Provider provider : town.providers()) {
            String token = createToken(provider.id());
            tokens.put(provider.id(), token);
            hireStaff(provider);
            URI ws = URI.create(baseUrl.replaceFirst("^http", "ws") + "/ws");
            sockets.add(http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(ws, new Screen(provider)).join());
        }
    }

    private String createToken(String providerId) throws Exception {
        String body = json.createObjectNode().put("role", "provider").put("subject", providerId).toString();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/tokens"))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("could not create a token for provider " + providerId + ": HTTP "
                    + response.statusCode() + " " + response.body());
        }
        return json.readTree(response.body()).path("token").asText();
    }

    /** Two named workers per organisation: a service request is assigned to one of them. */
    private void hireStaff(Town.Provider provider) throws Exception {
        String number = provider.id().replaceAll("\\D", "");
        String body = String.format(java.util.Locale.ROOT,
                "{\"workers\":[{\"id\":\"W%s-1\",\"name\":\"%s\"},{\"id\":\"W%s-2\",\"name\":\"%s\"}]}",
                number, WORKERS[Math.floorMod(provider.id().hashCode(), WORKERS.length)], number,
                WORKERS[Math.floorMod(provider.id().hashCode() + 1, WORKERS.length)]);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/care/providers/" + provider.id() + "/staff"))
                .header("Authorization", "Bearer " + tokens.get(provider.id())).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            log.printf("simulator: provider %s could not name its staff: HTTP %d%n", provider.id(), response.statusCode());
        }
    }

    private static final String[] WORKERS = {"Liu Yang", "Chen Jie", "Zhao Lan", "Sun Hao", "Zhou Qing", "Wu Dan", "Ma Lin", "Hu Bo"};

    /**
     * A service request offered to the organisation: taken after a moment (one in ten declined),
     * given to one of its workers, who is at the door a little later and done after that.
     */
    private void workCare(Town.Provider provider, JsonNode message) {
        JsonNode request = message.path("request");
        String id = request.path("id").asText();
        String base = "/api/care/requests/" + id + "/";
        if (random.nextInt(10) == 0) {
            crews.schedule(() -> post(provider, base + "decline", "{\"reason\":\"fully booked\"}"), 3, java.util.concurrent.TimeUnit.SECONDS);
            return;
        }
        Town.Point home = town.resident(request.path("residentId").asText()).home();
        String worker = "W" + provider.id().replaceAll("\\D", "") + "-" + (1 + random.nextInt(2));
        // Proof of presence: the worker's position at the door, a few metres from the home.
        String at = String.format(java.util.Locale.ROOT, "{\"lat\":%.6f,\"lon\":%.6f}", home.lat() + 0.0001, home.lon());
        crews.schedule(() -> post(provider, base + "accept", "{}"), 3, java.util.concurrent.TimeUnit.SECONDS);
        crews.schedule(() -> post(provider, base + "assign", "{\"workerId\":\"" + worker + "\"}"), 6, java.util.concurrent.TimeUnit.SECONDS);
        crews.schedule(() -> post(provider, base + "arrive", at), 30, java.util.concurrent.TimeUnit.SECONDS);
        crews.schedule(() -> post(provider, base + "complete", "{\"note\":\"done\"}"), 60, java.util.concurrent.TimeUnit.SECONDS);
    }

    public long offersReceived() {
        return offers.get();
    }

    /** Accepts (or, one time in ten, declines), then arrives and completes a little later. */
    private void work(Town.Provider provider, JsonNode message) {
        String offerId = message.path("offer").path("id").asText();
        String alertId = message.path("alert").path("id").asText();
        JsonNode position = message.path("alert").path("position");
        if (random.nextInt(10) == 0) {
            crews.schedule(() -> post(provider, "/api/offers/" + offerId + "/decline", "{\"reason\":\"crew busy\"}"), 2, java.util.concurrent.TimeUnit.SECONDS);
            return;
        }
        crews.schedule(() -> post(provider, "/api/offers/" + offerId + "/accept", "{}"), 2, java.util.concurrent.TimeUnit.SECONDS);
        String at = String.format(java.util.Locale.ROOT, "{\"lat\":%f,\"lon\":%f}", position.path("lat").asDouble(),
                position.path("lon").asDouble());
        if (random.nextDouble() < waitForOperatorShare) {
            log.printf("simulator: provider %s waits for an operator to acknowledge alert %s before setting off%n",
                    provider.id(), alertId);
            crews.schedule(() -> awaitOperator(provider, alertId, at), 4, java.util.concurrent.TimeUnit.SECONDS);
            return;
        }
        setOff(provider, alertId, at, 10);
    }

    private void setOff(Town.Provider provider, String alertId, String at, long afterSeconds) {
        crews.schedule(() -> post(provider, "/api/alerts/" + alertId + "/on-scene", at), afterSeconds, java.util.concurrent.TimeUnit.SECONDS);
        crews.schedule(() -> post(provider, "/api/alerts/" + alertId + "/complete", "{\"note\":\"resident checked\"}"),
                afterSeconds + 13, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Looks at the job every few seconds until an operator has acknowledged it (then sets off) or it ended. */
    private void awaitOperator(Town.Provider provider, String alertId, String at) {
        http.sendAsync(HttpRequest.newBuilder(URI.create(baseUrl + "/api/alerts/" + alertId)).timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + tokens.get(provider.id())).GET().build(),
                HttpResponse.BodyHandlers.ofString())
                .thenAccept(response -> {
                    if (response.statusCode() != 200) {
                        log.printf("simulator: provider %s stops waiting for alert %s: HTTP %d (the job ended)%n",
                                provider.id(), alertId, response.statusCode());
                        return; // the job ended (closed, or taken by another crew)
                    }
                    try {
                        JsonNode alert = json.readTree(response.body());
                        if (!alert.path("acknowledgedAt").isNull() && !alert.path("acknowledgedAt").isMissingNode()) {
                            log.printf("simulator: provider %s sets off for alert %s (acknowledged)%n", provider.id(), alertId);
                            setOff(provider, alertId, at, 10);
                        } else {
                            crews.schedule(() -> awaitOperator(provider, alertId, at), 3, java.util.concurrent.TimeUnit.SECONDS);
                        }
                    } catch (Exception e) {
                        log.println("simulator: provider " + provider.id() + " could not read alert " + alertId);
                    }
                }).exceptionally(e -> {
                    log.println("simulator: provider " + provider.id() + " could not look at alert " + alertId + ": " + e);
                    return null;
                });
    }

    private void post(Town.Provider provider, String path, String body) {
        http.sendAsync(HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Authorization", "Bearer " + tokens.get(provider.id()))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .thenAccept(response -> {
                    if (response.statusCode() != 200) {
                        log.printf("simulator: provider %s: %s answered %d%n", provider.id(), path, response.statusCode());
                    }
                }).exceptionally(e -> {
                    log.printf("simulator: provider %s: %s failed: %s%n", provider.id(), path, e);
                    return null;
                });
    }

    @Override
    public void close() {
        crews.shutdownNow();
        for (WebSocket socket : sockets) {
            socket.abort();
        }
    }

    private final class Screen implements WebSocket.Listener {
        private final Town.Provider provider;
        private final StringBuilder partial = new StringBuilder();

        Screen(Town.Provider provider) {
            this.provider = provider;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                onMessage(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void onMessage(String text) {
            try {
                JsonNode message = json.readTree(text);
                if ("offer".equals(message.path("type").asText())) {
                    offers.incrementAndGet();
                    JsonNode offer = message.path("offer");
                    log.printf("simulator: provider %s (%s) offered alert %s, %d m away%n", provider.id(), provider.name(),
                            offer.path("alertId").asText(), offer.path("distanceMeters").asLong());
                    work(provider, message);
                } else if ("care-offer".equals(message.path("type").asText())) {
                    offers.incrementAndGet();
                    log.printf("simulator: provider %s (%s) offered service request %s (%s)%n", provider.id(), provider.name(),
                            message.path("request").path("id").asText(), message.path("request").path("type").asText());
                    workCare(provider, message);
                }
            } catch (Exception e) {
                log.println("simulator: provider " + provider.id() + " got an unreadable message");
            }
        }
    }
}
