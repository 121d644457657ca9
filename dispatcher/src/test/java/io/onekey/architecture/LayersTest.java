package io.onekey.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's layers point one way: the domain knows no HTTP, no JSON view, no socket, no
 * store implementation and no wiring; adapters (API, live feed, webhooks, stores, the gateway
 * link) depend on the domain; {@code io.onekey.server} wires everything and nothing imports it.
 */
class LayersTest {

    /** The domain: alerts and their offers, routing, directory, devices, supervision, geofences, SLA, geometry. */
    static final String[] DOMAIN = {
        "io.onekey.dispatcher.alert..", "io.onekey.dispatcher.routing..", "io.onekey.dispatcher.directory..",
        "io.onekey.dispatcher.device..", "io.onekey.dispatcher.geofence..", "io.onekey.dispatcher.sla..",
        "io.onekey.dispatcher.geo..", "io.onekey.dispatcher.supervision..", "io.onekey.dispatcher.eventlog..",
        "io.onekey.dispatcher.error..", "io.onekey.dispatcher.dedup..", "io.onekey.dispatcher.care..",
        "io.onekey.dispatcher.flow.."
    };

    static final String[] ADAPTERS_AND_WIRING = {
        "io.onekey.dispatcher.api..", "io.onekey.dispatcher.notify..", "io.onekey.dispatcher.view..",
        "io.onekey.dispatcher.access..", "io.onekey.dispatcher.store..", "io.onekey.dispatcher.intake..",
        "io.onekey.dispatcher.engine..", "io.onekey.server..",
        "io.vertx.ext.web..", "io.vertx.core.http..", "io.vertx.core.json..", "io.netty..",
        // A protocol's value types (the form of a DC-09 key) are fine; its sessions and the gateway are not.
        "io.onekey.device.gateway..", "io.onekey.device.session..",
        "java.sql..", "io.lettuce.."
    };

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.onekey.dispatcher", "io.onekey.server");
    }

    @Test
    void dispatcherPackagesFormNoCycle() {
        slices().matching("io.onekey.dispatcher.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theDomainImportsNoAdapterNoWebNoSocketNoStoreAndNoWiring() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS_AND_WIRING)
                .check(classes);
    }

    @Test
    void nothingImportsTheWiring() {
        noClasses().that().resideOutsideOfPackage("io.onekey.server..")
                .should().dependOnClassesThat().resideInAPackage("io.onekey.server..")
                .check(classes);
    }

    @Test
    void onlyTheWiringKnowsTheStoreImplementations() {
        noClasses().that().resideOutsideOfPackages("io.onekey.server..", "io.onekey.dispatcher.store..")
                .should().dependOnClassesThat().resideInAPackage("io.onekey.dispatcher.store..")
                .check(classes);
    }

    @Test
    void theDispatcherEngineKnowsNoHttpNoFeedAndNoStoreImplementation() {
        noClasses().that().resideInAPackage("io.onekey.dispatcher.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.onekey.dispatcher.api..",
                        "io.onekey.dispatcher.notify..", "io.onekey.dispatcher.store..", "io.vertx.ext.web..")
                .check(classes);
    }
}
