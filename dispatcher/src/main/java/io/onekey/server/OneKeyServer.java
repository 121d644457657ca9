package io.onekey.server;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.onekey.device.gateway.GatewayServer;
import io.onekey.device.gateway.GatewayServices;
import io.onekey.dispatcher.DispatchVerticle;
import io.onekey.dispatcher.alert.AlarmIntake;
import io.onekey.dispatcher.alert.AlertPositions;
import io.onekey.dispatcher.alert.IdGenerator;
import io.onekey.dispatcher.api.HttpApiVerticle;
import io.onekey.dispatcher.api.Role;
import io.onekey.dispatcher.api.TokenStore;
import io.onekey.dispatcher.config.OneKeyConfig;
import io.onekey.dispatcher.device.DeviceStates;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.DirectoryAdmission;
import io.onekey.dispatcher.directory.DirectoryContent;
import io.onekey.dispatcher.directory.DirectoryDc09Keys;
import io.onekey.dispatcher.directory.DirectoryFile;
import io.onekey.dispatcher.directory.InMemoryDirectory;
import io.onekey.dispatcher.notify.ProviderConnections;
import io.onekey.dispatcher.routing.NearestProviderRouter;
import io.onekey.dispatcher.routing.OfferService;
import io.onekey.dispatcher.routing.ProviderLoad;
import io.onekey.dispatcher.store.AlertStore;
import io.onekey.dispatcher.store.EventLog;
import io.onekey.dispatcher.store.memory.InMemoryAlertStore;
import io.onekey.dispatcher.store.memory.InMemoryEventLog;
import io.onekey.monitoring.MeterRegistries;
import io.onekey.monitoring.MetricNames;
import io.onekey.monitoring.SlaTracker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wires gateway, event log, dispatcher, HTTP API and metrics into one running server, on the
 * embedded store. Construct, {@link #start()}, and {@link #close()} when done.
 */
public final class OneKeyServer implements AutoCloseable {

    private final OneKeyConfig config;
    private final Clock clock;
    private final PrometheusMeterRegistry registry = MeterRegistries.prometheus();
    private final JvmGcMetrics gcMetrics = MeterRegistries.bindGc(registry);
    private final SlaTracker sla = new SlaTracker(registry);
    private final TokenStore tokens = new TokenStore();
    private final DeviceStates deviceStates = new DeviceStates();
    private final ProviderConnections providerConnections = new ProviderConnections();
    private final AtomicBoolean ready = new AtomicBoolean();
    private final Directory directory;
    private final EventLog eventLog;
    private final AlertStore alertStore;
    private final OfferService offers;
    private final AlarmIntake intake;
    private Vertx vertx;
    private GatewayServer gateway;
    private HttpApiVerticle http;
    private String generatedAdminToken;

    public OneKeyServer(OneKeyConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        DirectoryContent content = config.directoryFile().map(DirectoryFile::read).orElse(DirectoryContent.empty());
        this.directory = InMemoryDirectory.of(content);
        this.eventLog = new InMemoryEventLog(config.dispatch().eventLogCapacity());
        this.alertStore = new InMemoryAlertStore();
        ProviderLoad load = new ProviderLoad();
        NearestProviderRouter router = new NearestProviderRouter(directory, config.dispatch().maxRadiusMeters(), load::of);
        this.offers = new OfferService(router, alertStore, providerConnections, sla, new IdGenerator("O"), clock,
                config.dispatch().offerTimeout(), registry);
        this.intake = new AlarmIntake(directory, deviceStates, alertStore,
                new AlertPositions(config.dispatch().maxFixAge()), new IdGenerator("A"), clock);
        registerGauges();
    }

    private void registerGauges() {
        Gauge.builder(MetricNames.ALERTS_OPEN, alertStore, AlertStore::openCount).description("Open alerts").register(registry);
        Gauge.builder(MetricNames.EVENT_LOG_BACKLOG, eventLog, EventLog::backlog)
                .description("Events stored and not yet processed").register(registry);
        Gauge.builder(MetricNames.DEVICES_ONLINE, this, OneKeyServer::devicesOnline)
                .description("Registered devices heard within twice their heartbeat interval").register(registry);
        Gauge.builder(MetricNames.WEBSOCKETS_OPEN, providerConnections, ProviderConnections::count)
                .description("Open provider WebSocket connections").register(registry);
    }

    /** Starts everything; fails (naming the port) if a listener cannot bind. */
    public OneKeyServer start() throws Exception {
        if (config.adminToken().isPresent()) {
            tokens.register(config.adminToken().get(), Role.ADMIN, "admin");
        } else {
            generatedAdminToken = tokens.create(Role.ADMIN, "admin").token();
        }
        vertx = Vertx.vertx();
        http = new HttpApiVerticle(config.http(), alertStore, tokens, providerConnections, registry, ready::get, clock);
        Future.all(
                vertx.deployVerticle(new DispatchVerticle(eventLog, deviceStates, intake, offers, registry)),
                vertx.deployVerticle(http)
        ).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        gateway = new GatewayServer(new GatewayServices(config.gateway(),
                events -> eventLog.append(events).toCompletionStage(),
                new DirectoryAdmission(directory, config.acceptUnknownDevices()),
                new DirectoryDc09Keys(directory),
                clock, registry)).start();
        ready.set(true);
        return this;
    }

    /** The admin token generated at start, when none was configured; shown once to the operator. */
    public Optional<String> generatedAdminToken() {
        return Optional.ofNullable(generatedAdminToken);
    }

    public int httpPort() {
        return http.actualPort();
    }

    public int port(GatewayServer.Listener listener) {
        return gateway.port(listener);
    }

    public TokenStore tokens() {
        return tokens;
    }

    public Directory directory() {
        return directory;
    }

    public SlaTracker sla() {
        return sla;
    }

    public long openAlerts() {
        return alertStore.openCount();
    }

    public double offersSent() {
        return offers.offersSent();
    }

    public long devicesOnline() {
        Instant now = clock.instant();
        return directory.devices().stream()
                .filter(d -> deviceStates.get(d.protocol(), d.id())
                        .map(s -> s.lastSeen().isAfter(now.minus(Duration.ofSeconds(2L * d.heartbeatIntervalSeconds()))))
                        .orElse(false))
                .count();
    }

    public int deviceCount() {
        return directory.devices().size();
    }

    @Override
    public void close() {
        ready.set(false);
        if (gateway != null) {
            gateway.close();
        }
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Closing anyway: nothing left to hand back to the caller.
                Thread.currentThread().interrupt();
            }
        }
        gcMetrics.close();
        registry.close();
    }
}
