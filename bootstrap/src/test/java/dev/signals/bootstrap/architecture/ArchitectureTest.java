package dev.signals.bootstrap.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The hexagon's boundaries hold for the production code of every module. */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.signals");
    }

    static Stream<String> rules() {
        return ArchitectureRules.of("dev.signals").keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void holds(String rule) {
        ArchitectureRules.of("dev.signals").get(rule).check(production);
    }

    @ParameterizedTest(name = "{0} classes are imported")
    @MethodSource("layers")
    void everyLayerIsImported(String layerPackage) {
        assertThat(production.stream().filter(javaClass -> javaClass.getPackageName().startsWith(layerPackage)))
                .as("classes in %s", layerPackage)
                .isNotEmpty();
    }

    static Stream<String> layers() {
        return Stream.of("dev.signals.domain", "dev.signals.application", "dev.signals.adapter.rest",
                "dev.signals.adapter.persistence", "dev.signals.adapter.eventsource", "dev.signals.bootstrap");
    }
}
