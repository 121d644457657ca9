package io.onekey.server;

import io.onekey.device.event.AlarmKind;
import io.onekey.dispatcher.alert.AlertService;
import io.onekey.dispatcher.alert.AlertStore;
import io.onekey.dispatcher.care.CareCatalogue;
import io.onekey.dispatcher.care.CareDesk;
import io.onekey.dispatcher.care.CareStore;
import io.onekey.dispatcher.care.EmergencyHandOff;
import io.onekey.dispatcher.device.DeviceCommands;
import io.onekey.dispatcher.care.SignsOfLife;
import io.onekey.dispatcher.care.WelfareWatch;
import io.onekey.dispatcher.device.DeviceStates;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.engine.DispatchVerticle;
import io.onekey.dispatcher.notify.CareFeed;
import io.onekey.dispatcher.notify.EmergencyServicesWebhook;
import io.onekey.dispatcher.notify.FamilyMail;
import io.onekey.dispatcher.notify.FamilyNotifier;
import io.onekey.dispatcher.notify.LiveFeed;
import io.onekey.dispatcher.notify.SignedPost;
import io.onekey.dispatcher.notify.WebhookTargets;
import io.onekey.dispatcher.routing.ProviderPositions;
import io.onekey.dispatcher.store.redis.RedisLease;
import io.onekey.server.config.CareConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The care services wired together: the desk of service requests, the welfare watch, the
 * emergency-services hand-off and the family notifications, on the installation's store.
 */
final class CareServices {

    private static final Logger log = LoggerFactory.getLogger(CareServices.class);

    final CareStore store;
    final CareDesk desk;
    final WelfareWatch welfare;
    final EmergencyHandOff handOff;
    final FamilyNotifier familyNotifier;
    private final CareConfig config;
    private final AtomicBoolean ticking = new AtomicBoolean();
    /** On a shared store one dispatcher at a time runs the clock; on the embedded one this process always does. */
    private final Supplier<Future<Boolean>> clockHeld;

    /**
     * @param dispatcher the dispatcher, once built: a hand-off's answer is recorded in a unit of work of its own
     */
    CareServices(CareConfig config, Vertx vertx, Clock clock, Stores stores, Directory directory, ProviderPositions positions,
                 ToIntFunction<String> alertLoad, LiveFeed feed, AlertService alerts, AlertStore alertStore,
                 WebhookTargets targets, java.time.Duration webhookTimeout, Supplier<DispatchVerticle> dispatcher,
                 DeviceCommands commands) {
        this.config = config;
        this.store = CareStores.open(stores);
        // Three ticks without renewing and another dispatcher takes over the clock.
        this.clockHeld = stores.redis().<Supplier<Future<Boolean>>>map(link ->
                        new RedisLease(link, "care-clock", config.tickInterval().multipliedBy(3))::hold)
                .orElse(() -> Future.succeededFuture(true));
        CareCatalogue catalogue = new CareCatalogue(config.catalogue());
        // What admins changed through the API outlives a restart, over the configured catalogue.
        await(store.types()).forEach(catalogue::put);
        this.desk = new CareDesk(store, catalogue, directory, positions, alertLoad, clock, config.desk(),
                () -> "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .listen(new CareFeed(feed));
        this.welfare = new WelfareWatch(store, directory, clock, config.welfare(),
                (device, note) -> alerts.raise(AlarmKind.OTHER, device, Optional.empty(), note).mapEmpty());
        SignedPost post = new SignedPost(vertx, clock, targets, webhookTimeout);
        Optional<EmergencyHandOff.Link> link = config.handOff().url().map(url ->
                new EmergencyServicesWebhook(post, url, config.handOff().secret().orElseThrow(), clock));
        this.handOff = new EmergencyHandOff(alertStore, directory, clock, config.handOff().settings(), link,
                (id, action, text) -> alerts.systemNote(id, action, text).mapEmpty(),
                (id, action, text) -> dispatcher.get().run(() -> alerts.systemNote(id, action, text)).mapEmpty(), commands);
        this.familyNotifier = new FamilyNotifier(vertx, store, directory, post, FamilyMail.create(vertx, config.mail()),
                config.familyRetryAfter());
    }

    /** The device states the dispatcher applies events to, telling the welfare watch as they go. */
    DeviceStates watching(DeviceStates states) {
        return new SignsOfLife(states, welfare);
    }

    /**
     * Checks the clocks of the care services on the dispatcher, one tick at a time, and on a
     * shared store on one dispatcher of the installation at a time (a 120 hand-off is made once).
     */
    void startTicking(Vertx vertx, DispatchVerticle dispatcher) {
        vertx.setPeriodic(config.tickInterval().toMillis(), id -> {
            if (!ticking.compareAndSet(false, true)) {
                return;
            }
            // A node without the clock still writes the signs of life its dispatcher heard, for the one that checks.
            clockHeld.get().compose(held -> !held ? dispatcher.run(welfare::saveHeard)
                            : dispatcher.run(() -> desk.tick().compose(v -> welfare.check()).compose(v -> handOff.check())))
                    .onFailure(e -> log.error("care tick failed; the next tick retries", e))
                    .onComplete(ar -> ticking.set(false));
        });
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the care store cannot be read: " + e.getMessage(), e);
        }
    }
}
