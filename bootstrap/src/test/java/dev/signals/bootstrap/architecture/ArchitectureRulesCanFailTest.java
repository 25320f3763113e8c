package dev.signals.bootstrap.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.signals.bootstrap.architecture.ArchitectureRules.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Each rule, run against a small hexagon in {@code archfixtures.*} that breaks it once, reports that
 * violation: a rule that could not fail would check nothing.
 */
class ArchitectureRulesCanFailTest {

    private static final String FIXTURES = "archfixtures";

    static Stream<Arguments> violations() {
        return Stream.of(
                arguments(DOMAIN_IS_PURE_JAVA, "domainimportsjavalin", "archfixtures.domainimportsjavalin.domain.LeakyEntity",
                        Set.of(DOMAIN_IS_PURE_JAVA, HTTP_AND_JSON_ONLY_IN_REST)),
                arguments(APPLICATION_IS_FRAMEWORK_FREE, "applicationimportsjooq", "archfixtures.applicationimportsjooq.application.LeakyService",
                        Set.of(APPLICATION_IS_FRAMEWORK_FREE, SQL_ONLY_IN_PERSISTENCE)),
                arguments(HTTP_AND_JSON_ONLY_IN_REST, "jacksoninpersistence", "archfixtures.jacksoninpersistence.adapter.persistence.JsonColumn",
                        Set.of(HTTP_AND_JSON_ONLY_IN_REST)),
                arguments(SQL_ONLY_IN_PERSISTENCE, "jdbcinrest", "archfixtures.jdbcinrest.adapter.rest.DirectSqlRoutes",
                        Set.of(SQL_ONLY_IN_PERSISTENCE)),
                arguments(METRICS_ONLY_WHERE_MEASURED, "micrometerinindex", "archfixtures.micrometerinindex.adapter.eventsource.inmemory.CountingIndex",
                        Set.of(METRICS_ONLY_WHERE_MEASURED)),
                arguments(GUICE_ONLY_IN_MODULES, "guiceinroutes", "archfixtures.guiceinroutes.adapter.rest.InjectorRoutes",
                        Set.of(GUICE_ONLY_IN_MODULES)),
                arguments(ADAPTERS_ARE_INDEPENDENT, "restusespersistence", "archfixtures.restusespersistence.adapter.rest.SignalRoutes",
                        Set.of(ADAPTERS_ARE_INDEPENDENT)),
                arguments(ADAPTERS_USE_THE_APPLICATION_THROUGH_PORTS, "adaptercallsservice",
                        "archfixtures.adaptercallsservice.adapter.rest.ShortcutRoutes", Set.of(ADAPTERS_USE_THE_APPLICATION_THROUGH_PORTS)),
                arguments(NO_PACKAGE_CYCLES, "packagecycle", "archfixtures.packagecycle.domain.a.Alpha",
                        Set.of(NO_PACKAGE_CYCLES)),
                arguments(OUTGOING_PORTS_ARE_PORT_INTERFACES, "badportnames", "archfixtures.badportnames.application.port.out.LoadThings",
                        Set.of(OUTGOING_PORTS_ARE_PORT_INTERFACES, INCOMING_PORTS_ARE_USE_CASES_OR_QUERIES)),
                arguments(INCOMING_PORTS_ARE_USE_CASES_OR_QUERIES, "badportnames", "archfixtures.badportnames.application.port.in.DoThings",
                        Set.of(OUTGOING_PORTS_ARE_PORT_INTERFACES, INCOMING_PORTS_ARE_USE_CASES_OR_QUERIES)));
    }

    @ParameterizedTest(name = "{0} fails on {1}")
    @MethodSource("violations")
    void ruleReportsTheViolation(String rule, String fixture, String offendingClass, Set<String> brokenRules) {
        JavaClasses classes = new ClassFileImporter().importPackages(FIXTURES + "." + fixture);
        assertThat(classes).as("fixture %s has classes", fixture).isNotEmpty();

        assertThatThrownBy(() -> ArchitectureRules.of(FIXTURES + "." + fixture).get(rule).check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(rule)
                .hasMessageContaining(offendingClass);
    }

    @ParameterizedTest(name = "{1} breaks exactly the rules it is about")
    @MethodSource("violations")
    void everyOtherRuleHoldsOnTheFixture(String rule, String fixture, String offendingClass, Set<String> brokenRules) {
        JavaClasses classes = new ClassFileImporter().importPackages(FIXTURES + "." + fixture);
        Set<String> failing = ArchitectureRules.of(FIXTURES + "." + fixture).entrySet().stream()
                .filter(entry -> entry.getValue().allowEmptyShould(true).evaluate(classes).hasViolation())
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertThat(failing).isEqualTo(brokenRules);
    }
}
