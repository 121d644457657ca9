package io.onekey.server;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.dispatcher.alert.AlertQuery;
import io.onekey.dispatcher.alert.Alert;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.gateway.GatewayServer;
import io.onekey.device.gateway.GatewayServices;
import io.onekey.dispatcher.engine.DispatchVerticle;
import io.onekey.dispatcher.alert.AlertChanges;
import io.onekey.dispatcher.alert.AlertClock;
import io.onekey.dispatcher.alert.AlertPositions;
import io.onekey.dispatcher.alert.AlertService;
import io.onekey.dispatcher.alert.IdGenerator;
import io.onekey.dispatcher.alert.Priority;
import io.onekey.dispatcher.alert.PriorityRules;
import io.onekey.dispatcher.alert.ProviderLoadKeeper;
import io.onekey.dispatcher.alert.ProviderProgress;
import io.onekey.dispatcher.flow.OneByOne;
import io.onekey.dispatcher.notify.ChangeNotifier;
import io.onekey.dispatcher.sla.AlertMetrics;
import io.onekey.dispatcher.sla.OpenAlerts;
import io.onekey.dispatcher.eventlog.MeasuredEventLog;
import io.onekey.monitoring.PipelineWatchdog;
import org.slf4j.LoggerFactory;
import io.onekey.dispatcher.api.CareApi;
import io.onekey.dispatcher.api.HttpApiVerticle;
import io.onekey.dispatcher.access.Role;
import io.onekey.dispatcher.access.Tokens;
import io.onekey.server.config.DispatchConfig;
import io.onekey.server.config.OneKeyConfig;
import io.onekey.dispatcher.device.DeviceStates;
import io.onekey.dispatcher.supervision.DeviceSupervisor;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.intake.DirectoryAdmission;
import io.onekey.dispatcher.intake.GatewayCommands;
import io.onekey.dispatcher.alert.LocateRequests;
import io.onekey.dispatcher.device.DeviceCommands;
import io.onekey.device.command.ConnectedDevices;
import io.onekey.dispatcher.store.redis.RedisDeviceCommands;
import io.onekey.dispatcher.directory.DirectoryContent;
import io.onekey.dispatcher.intake.DirectoryDc09Keys;
import io.onekey.dispatcher.directory.DirectoryFile;
import io.onekey.dispatcher.geofence.GeofenceMonitor;
import io.onekey.dispatcher.notify.LiveFeed;
import io.onekey.dispatcher.notify.ProviderNotifier;
import io.onekey.dispatcher.notify.WebhookSender;
import io.onekey.dispatcher.notify.WebhookTargets;
import io.onekey.dispatcher.routing.NearestProviderRouter;
import io.onekey.dispatcher.alert.OfferFlow;
import io.onekey.dispatcher.directory.Provider;
import io.onekey.dispatcher.routing.DispatchCandidates;
import io.onekey.dispatcher.routing.ProviderLoad;
import io.onekey.dispatcher.alert.AlertStore;
import io.onekey.dispatcher.eventlog.EventLog;
import io.onekey.dispatcher.store.redis.RedisAlertStore;
import io.onekey.dispatcher.store.redis.RedisDeviceStates;
import io.onekey.dispatcher.store.sqlite.SqliteDatabase;
import io.onekey.monitoring.MeterRegistries;
import io.onekey.monitoring.MetricNames;
import io.onekey.monitoring.SlaTracker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wires gateway, event log, dispatcher, HTTP API and metrics into one running server, on the
 * embedded store. Construct, {@link #start()}, and {@link #close()} when done.
 */
public final class OneKeyServer implements AutoCloseable {

    private static final Duration HOUSEKEEPING = Duration.ofMinutes(10);
    /** How long a command waits for the gateway holding its device, across processes. */
    private static final Duration COMMAND_WAIT = Duration.ofSeconds(3);

    private final OneKeyConfig config;
    private final Clock clock;
    private final java.time.Instant startedAt;
    private final PrometheusMeterRegistry registry = MeterRegistries.prometheus();
    private final JvmGcMetrics gcMetrics = MeterRegistries.bindGc(registry);
    private final SlaTracker sla;
    private final Stores stores;
    private final Tokens tokens;
    private final DeviceStates deviceStates;
    private final ProviderLoadKeeper loadKeeper;
    private final LiveFeed feed;
    private final DispatchCandidates candidates;
    private final AtomicBoolean ready = new AtomicBoolean();
    private final Directory directory;
    private final EventLog eventLog;
    private final AlertStore alertStore;
    private final OfferFlow offers;
    private final AlertMetrics metrics;
    private final DeviceSupervisor supervisor;
    private final AlertService alerts;
    private final ProviderProgress progress;
    private final DispatchVerticle dispatcher;
    private final OpenAlerts openAlerts;
    private final PipelineWatchdog watchdog;
    private final CareServices care;
    /** The devices connected to this process's gateway, which commands are written to. */
    private final ConnectedDevices connectedDevices = new ConnectedDevices();
    private final DeviceCommands commands;
    private final LocateRequests locating;
    /** Vert.x's blocked-thread checker warns when an event loop is held for more than 2 s; the tests fail on it. */
    private final Vertx vertx;
    private GatewayServer gateway;
    private HttpApiVerticle http;
    private String generatedAdminToken;

    public OneKeyServer(OneKeyConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.feed = new LiveFeed(clock);
        this.vertx = Vertx.vertx(new VertxOptions());
        DispatchConfig dispatch = config.dispatch();
        DirectoryContent content = config.directoryFile().map(DirectoryFile::read).orElse(DirectoryContent.empty());
        this.stores = Stores.open(config.store(), content, dispatch.eventLogCapacity(), clock);
        this.directory = stores.directory();
        this.sla = new SlaTracker(registry, config.monitoring().sla(), clock);
        MeasuredEventLog measuredLog = new MeasuredEventLog(stores.events(), registry, clock);
        this.eventLog = measuredLog;
        this.alertStore = stores.alerts();
        this.tokens = new Tokens(stores.tokens(), clock);
        this.deviceStates = stores.deviceStates();
        AlertChanges changes = new AlertChanges(alertStore, clock);
        ProviderLoad load = new ProviderLoad();
        NearestProviderRouter router = new NearestProviderRouter(directory, dispatch.maxRadiusMeters(), load::of,
                stores.providerPositions()).reachability(this::reachable);
        this.candidates = new DispatchCandidates(directory, load::of, this::reachable);
        this.offers = new OfferFlow(changes, router, directory, new IdGenerator("O", stores.offerNumbers()),
                dispatch.offerTimeout());
        this.alerts = new AlertService(changes, directory, deviceStates, new AlertPositions(dispatch.maxFixAge()),
                dispatch.rules(), offers, new IdGenerator("A", stores.alertNumbers()), dispatch.delayedAlarmAge());
        this.progress = new ProviderProgress(changes, offers, dispatch.onSceneMaxDistanceMeters());
        this.commands = deviceCommands(config, stores, vertx, connectedDevices);
        this.locating = new LocateRequests(changes, directory);
        this.care = new CareServices(config.care(), vertx, clock, stores, directory, stores.providerPositions(), load::of,
                feed, alerts, alertStore, new WebhookTargets(dispatch.webhooks().allowPrivateTargets()),
                dispatch.webhooks().timeout(), this::builtDispatcher, commands);
        // Effects follow saved changes, in this order: load (routing reads it next), metrics, people.
        WebhookSender webhooks = new WebhookSender(vertx, clock, this::recordWebhookOutcome, dispatch.webhooks(), registry);
        this.metrics = new AlertMetrics(sla, registry);
        this.loadKeeper = new ProviderLoadKeeper(load);
        this.openAlerts = new OpenAlerts(registry, clock);
        changes.keepLoad(loadKeeper)
                .listen(metrics)
                .listen(openAlerts)
                .listen(care.familyNotifier)
                .listen(new ChangeNotifier(feed, new ProviderNotifier(feed, webhooks, directory), sla, clock,
                        alertStore instanceof RedisAlertStore));
        if (alertStore instanceof RedisAlertStore shared) {
            // Another node's change: this node's load follows it and its screens hear of it; metrics,
            // webhooks and history notes stay with the node that made it, so nothing is counted or sent twice.
            ChangeNotifier screensHere = new ChangeNotifier(feed, new ProviderNotifier(feed, null, directory), sla, clock, true);
            shared.onRemoteChange(change -> {
                loadKeeper.changed(change);
                screensHere.changed(change);
            });
        }
        this.supervisor = new DeviceSupervisor(directory, deviceStates, alerts, clock, dispatch.offlineTolerance());
        this.dispatcher = new DispatchVerticle(eventLog, stores.dedup(), care.watching(deviceStates), directory, alerts,
                new AlertClock(changes, offers, config.store().closedRetention()), supervisor,
                new GeofenceMonitor(dispatch.geofence()), locating, dispatch.tickInterval(), config.role().consumesEvents(),
                alertStore.decidesOnReply(), registry);
        if (deviceStates instanceof RedisDeviceStates shared && config.role().consumesEvents()) {
            // Each dispatcher consumes only some of the events: supervision follows the devices the others heard.
            shared.onHeardElsewhere(heard -> dispatcher.run(() -> OneByOne.eachRegardless(heard,
                    device -> supervisor.heard(device.protocol(), device.deviceId(), device.lastSeen()),
                    (device, e) -> LoggerFactory.getLogger(OneKeyServer.class).warn(
                            "device {} heard elsewhere: its offline alert not resolved here: {}", device.deviceId(), e.toString()))));
        }
        this.watchdog = new PipelineWatchdog(registry, config.monitoring().watchdog(), Map.of(
                PipelineWatchdog.Condition.EVENT_LOG_LAG, () -> Optional.of(measuredLog.lag()),
                PipelineWatchdog.Condition.UNACKNOWLEDGED_P1, () -> openAlerts.oldestUnacknowledged(Priority.P1),
                PipelineWatchdog.Condition.DEVICE_SILENCE, () -> deviceSilence(measuredLog)),
                new PipelineAlarms(dispatcher, alerts));
        registerGauges(measuredLog);
    }

    /**
     * Where commands for terminals go: with a shared store, to whichever gateway process holds
     * the device (this one's first, if it runs one); otherwise to this process's gateway.
     */
    private static DeviceCommands deviceCommands(OneKeyConfig config, Stores stores, Vertx vertx, ConnectedDevices here) {
        Optional<ConnectedDevices> gateway = config.role().runsGateway() ? Optional.of(here) : Optional.empty();
        if (stores.redis().isPresent()) {
            return new RedisDeviceCommands(stores.redis().get(), vertx, gateway, COMMAND_WAIT);
        }
        return gateway.<DeviceCommands>map(GatewayCommands::new).orElse(DeviceCommands.NONE);
    }

    /** The dispatcher, for what is wired before it is built and uses it only once running. */
    private DispatchVerticle builtDispatcher() {
        return dispatcher;
    }

    /** Since the last event from any device (or since start); nothing to judge while no device is registered. */
    private Optional<Duration> deviceSilence(MeasuredEventLog log) {
        if (directory.devices().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(log.lastEvent().orElse(startedAt), clock.instant()));
    }

    private void registerGauges(MeasuredEventLog log) {
        Gauge.builder(MetricNames.DEVICES_REGISTERED, directory, d -> d.devices().size())
                .description("Devices in the directory").register(registry);
        Gauge.builder(MetricNames.DEVICES_SILENCE, this, s -> s.deviceSilence(log).map(d -> d.toMillis() / 1000.0).orElse(0.0))
                .description("Time since the last event from any device").baseUnit("seconds").register(registry);
        Gauge.builder(MetricNames.DEVICES_ONLINE, this, OneKeyServer::devicesOnline)
                .description("Registered devices heard within twice their heartbeat interval").register(registry);
        Gauge.builder(MetricNames.WEBSOCKETS_OPEN, feed, LiveFeed::count)
                .description("Open WebSocket connections").register(registry);
    }

    /** Starts everything; fails (naming the port) if a listener cannot bind. */
    public OneKeyServer start() throws Exception {
        if (config.adminToken().isPresent()) {
            tokens.register(config.adminToken().get(), Role.ADMIN, "admin").toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } else {
            generatedAdminToken = tokens.create(Role.ADMIN, "admin").toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS).token();
        }
        http = new HttpApiVerticle(config.http(), new HttpApiVerticle.Services(alertStore, tokens, feed, registry,
                this::notReady, clock, dispatcher, alerts, progress, directory,
                new WebhookTargets(config.dispatch().webhooks().allowPrivateTargets()), config.monitoring().sla(), candidates,
                locating, commands))
                .with(new CareApi(care.desk, care.handOff, dispatcher, directory, deviceStates, alertStore, tokens, clock));
        resumeFromStore();
        vertx.deployVerticle(feed)
                .compose(id -> Future.all(vertx.deployVerticle(dispatcher), vertx.deployVerticle(http)))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        if (config.role().runsGateway()) {
            startGateway();
        }
        if (config.role().consumesEvents()) {
            // The pipeline is watched where it is consumed; its alerts are raised like any other.
            vertx.setPeriodic(config.monitoring().watchdog().interval().toMillis(), id -> watchdog.check());
            care.startTicking(vertx, dispatcher);
        }
        ready.set(true);
        return this;
    }

    private void startGateway() {
        PriorityRules rules = config.dispatch().rules();
        gateway = new GatewayServer(new GatewayServices(config.gateway(),
                events -> eventLog.append(events, laneOf(events, rules)).toCompletionStage(),
                new DirectoryAdmission(directory, config.acceptUnknownDevices()),
                new DirectoryDc09Keys(directory),
                clock, registry, connectedDevices)).start();
    }

    /**
     * Picks up where the store left off: provider load from the open alerts, and the devices
     * whose offline alert is still open (heard again, it resolves itself). Deadlines need
     * nothing: they are in the alerts, and the first tick fires any that passed meanwhile.
     */
    private void resumeFromStore() throws Exception {
        List<Alert> open = alertStore.list(new AlertQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                Integer.MAX_VALUE)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
                .stream().filter(a -> a.state().isOpen()).toList();
        loadKeeper.replay(open);
        openAlerts.replay(open);
        PipelineAlarms.resume(open, watchdog);
        open.stream().filter(a -> a.kind() == AlarmKind.TERMINAL_OFFLINE)
                .forEach(a -> supervisor.alreadyOffline(a.protocol(), a.deviceId()));
        if (!open.isEmpty()) {
            LoggerFactory.getLogger(OneKeyServer.class).info("resumed {} open alerts from the store", open.size());
        }
        vertx.setPeriodic(HOUSEKEEPING.toMillis(), id -> stores.housekeep(clock.instant()));
    }

    /**
     * An offer reaches a provider through its webhook or an open feed connection. With a shared
     * store the connections are held by the API nodes, unknown here: everyone counts as reachable.
     */
    private boolean reachable(Provider provider) {
        return provider.webhookUrl() != null || alertStore instanceof RedisAlertStore || feed.providerConnected(provider.id());
    }

    /** A webhook attempt's outcome goes into the alert's history, changed on the dispatcher's context like any other. */
    private void recordWebhookOutcome(String alertId, String note) {
        dispatcher.run(() -> alerts.systemNote(alertId, "webhook", note))
                .onFailure(e -> LoggerFactory.getLogger(OneKeyServer.class)
                        .warn("alert {}: webhook outcome not recorded: {}", alertId, e.getMessage()));
    }

    /** Life-threatening alarms take the priority lane from the moment they are handed off. */
    static EventLog.Lane laneOf(List<DeviceEvent> events, PriorityRules rules) {
        for (DeviceEvent event : events) {
            if (event instanceof Alarm alarm && rules.priorityOf(alarm.kind()) == Priority.P1) {
                return EventLog.Lane.PRIORITY;
            }
        }
        return EventLog.Lane.NORMAL;
    }

    /** The admin token generated at start, when none was configured; shown once to the operator. */
    public Optional<String> generatedAdminToken() {
        return Optional.ofNullable(generatedAdminToken);
    }

    public int httpPort() {
        return http.actualPort();
    }

    /** The port a device listener is bound to; -1 on a node that runs no gateway. */
    public int port(GatewayServer.Listener listener) {
        return gateway == null ? -1 : gateway.port(listener);
    }

    /** What this node runs (all, gateway, dispatcher, api), in lower case. */
    public String role() {
        return config.role().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The HTTP routes, "METHOD /path/{param}". */
    public List<String> httpRoutes() {
        return http.routes();
    }

    public Tokens tokens() {
        return tokens;
    }

    public Directory directory() {
        return directory;
    }

    public EventLog eventLog() {
        return eventLog;
    }

    public SlaTracker sla() {
        return sla;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The alert store, for tools and benchmarks that read alerts in bulk. */
    public AlertStore alertStore() {
        return alertStore;
    }

    public long openAlerts() {
        return alertStore.openCount();
    }

    public double offersSent() {
        return metrics.offersSent();
    }

    public long devicesOnline() {
        return supervisor.online();
    }

    /** Why the server should get no traffic now, if it should not: starting, stopping, or a store that cannot write. */
    private Optional<String> notReady() {
        if (!ready.get()) {
            return Optional.of("starting or stopping");
        }
        return stores.healthy() ? Optional.empty()
                : Optional.of("the store cannot write (" + stores.failure().orElse("unknown") + "); devices are not answered");
    }

    /** The embedded database, when the server runs on it: for tools and tests. */
    public Optional<SqliteDatabase> storeDatabase() {
        return stores.database();
    }

    /** Where the store keeps its data, for the banner. */
    public String storeDescription() {
        if (stores.redis().isPresent()) {
            return "Redis, namespace " + config.store().redis().namespace() + " (shared; this node: " + role() + ")";
        }
        return stores.database().map(db -> db.file().toAbsolutePath() + " (SQLite, sync " + config.store().sync() + ")")
                .orElse("memory only: nothing survives a restart");
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
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Closing anyway: nothing left to hand back to the caller.
            Thread.currentThread().interrupt();
        }
        stores.close();
        gcMetrics.close();
        registry.close();
    }
}
