package io.onekey.simulator.care;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onekey.simulator.town.Town;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The everyday side of the simulated town, as a call centre sees it beside the alarms: residents
 * and their families asking for meals, help at home, personal care and company for a time a
 * little ahead, and one resident with a care team and care schedules (a daily caring call and a
 * social worker's weekly visit). It files them through the server's API, as operators taking
 * phone calls and supervisors planning care do; the virtual providers take it from there.
 */
public final class CareDriver implements AutoCloseable {

    private static final double EARTH_METERS_PER_DEGREE = 111_320;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String adminToken;
    private final Town town;
    private final Random random;
    private final PrintStream log;
    private final List<Wish> wishes = new ArrayList<>();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "care-driver");
        t.setDaemon(true);
        return t;
    });

    /** A service a resident could be given: a type with a provider of its kind inside its circle. */
    private record Wish(String residentId, String typeId, String typeName) {
    }

    public CareDriver(String baseUrl, String adminToken, Town town, long seed, PrintStream log) {
        this.baseUrl = baseUrl;
        this.adminToken = adminToken;
        this.town = town;
        this.random = new Random(seed);
        this.log = log;
    }

    /**
     * Plans the first resident's care now, then files an everyday request every {@code every}.
     *
     * @return the id of the resident whose care is planned (the one the demo's family follows)
     */
    public String start(Duration every) throws Exception {
        JsonNode types = get("/api/care/types").path("items");
        for (JsonNode type : types) {
            if (!"everyday".equals(type.path("lane").asText()) || "companionship".equals(type.path("category").asText())) {
                continue; // company comes by schedule below; emergencies by pressing the button
            }
            for (Town.Resident resident : town.residents()) {
                if (servedWithin(resident, type.path("providerType").asText(), type.path("circleMeters").asDouble())) {
                    wishes.add(new Wish(resident.id(), type.path("id").asText(), type.path("name").asText()));
                }
            }
        }
        Town.Resident planned = town.residents().get(0);
        planCare(planned);
        if (!wishes.isEmpty()) {
            clock.scheduleAtFixedRate(this::fileOne, 5, every.toSeconds(), TimeUnit.SECONDS);
        }
        log.printf("simulator: everyday requests every %d s (%d resident-service pairs within a service circle)%n",
                every.toSeconds(), wishes.size());
        return planned.id();
    }

    /** A care team and two schedules whose next occurrences fall within the demo's first half hour. */
    private void planCare(Town.Resident resident) throws Exception {
        String socialWorkers = town.providers().stream().filter(p -> p.serviceTypes().contains("COMPANIONSHIP"))
                .min(java.util.Comparator.comparingDouble(p -> meters(p.base(), resident.home())))
                .map(Town.Provider::id).orElse(null);
        ObjectNode team = json.createObjectNode();
        var members = team.putArray("members");
        members.addObject().put("name", "Zhou Min").put("role", "social_worker").put("phone", "+86 131 0000 0007")
                .put("providerId", socialWorkers);
        resident.emergencyContacts().forEach(c -> members.addObject().put("name", c.name()).put("role", "family")
                .put("phone", c.phone()));
        put("/api/care/residents/" + resident.id() + "/team", team);
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        ZonedDateTime call = now.plusMinutes(3);
        ZonedDateTime visit = now.plusMinutes(20);
        put("/api/care/schedules/demo-call-" + resident.id(), json.createObjectNode().put("residentId", resident.id())
                .put("type", "caring-call").put("at", call.toLocalTime().toString()).put("window", "PT30M").put("zone", "UTC")
                .put("note", "daily caring call"));
        ObjectNode weekly = json.createObjectNode().put("residentId", resident.id()).put("type", "visit")
                .put("at", visit.toLocalTime().toString()).put("window", "PT1H").put("zone", "UTC")
                .put("note", "weekly visit of the social worker");
        weekly.putArray("days").add(visit.getDayOfWeek().name());
        put("/api/care/schedules/demo-visit-" + resident.id(), weekly);
        log.printf("simulator: %s (%s) has a care team, a daily caring call at %s UTC and a weekly visit on %s at %s UTC%n",
                resident.name(), resident.id(), call.toLocalTime(), visit.getDayOfWeek(), visit.toLocalTime());
    }

    /** One everyday request, wanted a few minutes from now for an hour, as an operator takes it on the phone. */
    private void fileOne() {
        try {
            Wish wish = wishes.get(random.nextInt(wishes.size()));
            Instant start = Instant.now().plus(Duration.ofMinutes(2 + random.nextInt(10))).truncatedTo(ChronoUnit.MINUTES);
            ObjectNode body = json.createObjectNode().put("residentId", wish.residentId()).put("type", wish.typeId())
                    .put("windowStart", start.toString()).put("windowEnd", start.plus(Duration.ofHours(1)).toString())
                    .put("note", "asked for on the phone");
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/care/requests"))
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
            if (response.statusCode() == 201) {
                log.printf("simulator: %s asked for %s at %s%n", wish.residentId(), wish.typeName(), start);
            } else {
                log.printf("simulator: a request for %s was refused: HTTP %d %s%n", wish.typeName(), response.statusCode(),
                        response.body());
            }
        } catch (Exception e) {
            log.println("simulator: an everyday request could not be filed: " + e.getMessage());
        }
    }

    private boolean servedWithin(Town.Resident resident, String providerType, double circleMeters) {
        return town.providers().stream().anyMatch(p -> p.serviceTypes().contains(providerType)
                && meters(p.base(), resident.home()) <= circleMeters);
    }

    /** Equirectangular distance: exact enough across a town. */
    static double meters(Town.Point a, Town.Point b) {
        double k = Math.cos(Math.toRadians((a.lat() + b.lat()) / 2));
        return Math.hypot((a.lat() - b.lat()) * EARTH_METERS_PER_DEGREE, (a.lon() - b.lon()) * k * EARTH_METERS_PER_DEGREE);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return json.readTree(response.body());
    }

    private void put(String path, ObjectNode body) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IllegalStateException(String.format(Locale.ROOT, "PUT %s: HTTP %d %s", path, response.statusCode(),
                    response.body()));
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
