package io.onekey.device.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wire module's layers: events and the command registry at the bottom, the per-connection
 * session above them, one package per protocol above that, and the gateway (listeners,
 * configuration) on top.
 */
class LayersTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.onekey.device");
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("io.onekey.device.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void protocolsNeverImportTheGateway() {
        noClasses().that().resideInAPackage("io.onekey.device.protocol..")
                .should().dependOnClassesThat().resideInAPackage("io.onekey.device.gateway..")
                .check(classes);
    }

    @Test
    void eachProtocolIgnoresTheOthers() {
        for (String protocol : new String[] {"dc09", "watch", "gt06"}) {
            noClasses().that().resideInAPackage("io.onekey.device.protocol." + protocol + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others(protocol))
                    .check(classes);
        }
    }

    @Test
    void sessionsAndEventsKnowNoProtocol() {
        noClasses().that().resideInAnyPackage("io.onekey.device.session..", "io.onekey.device.event..")
                .should().dependOnClassesThat().resideInAnyPackage("io.onekey.device.protocol..", "io.onekey.device.gateway..")
                .check(classes);
    }

    @Test
    void theCommandRegistryKnowsNoProtocolNoSessionAndNoGateway() {
        noClasses().that().resideInAPackage("io.onekey.device.command..")
                .should().dependOnClassesThat().resideInAnyPackage("io.onekey.device.protocol..", "io.onekey.device.session..",
                        "io.onekey.device.gateway..")
                .check(classes);
    }

    private static String[] others(String protocol) {
        return java.util.stream.Stream.of("dc09", "watch", "gt06").filter(p -> !p.equals(protocol))
                .map(p -> "io.onekey.device.protocol." + p + "..").toArray(String[]::new);
    }
}
