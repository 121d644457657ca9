package io.onekey.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The layer rules really fail on what they forbid: checked against small deliberate offenders. */
class LayersRulesCatchTest {

    private final JavaClasses fixtures = new ClassFileImporter().importPackages("io.onekey.architecture.fixture");

    @Test
    void theCycleRuleFailsOnAPackageCycle() {
        assertThrows(AssertionError.class, () ->
                slices().matching("io.onekey.architecture.fixture.cycle.(**)").should().beFreeOfCycles().check(fixtures));
    }

    @Test
    void theDomainRuleFailsOnADomainClassThatTakesAnHttpPrincipal() {
        assertThrows(AssertionError.class, () ->
                noClasses().that().resideInAPackage("io.onekey.architecture.fixture.domain..")
                        .should().dependOnClassesThat().resideInAnyPackage(LayersTest.ADAPTERS_AND_WIRING)
                        .check(fixtures));
    }
}
