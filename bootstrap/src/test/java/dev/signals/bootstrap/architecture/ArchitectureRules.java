package dev.signals.bootstrap.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

import java.util.LinkedHashMap;
import java.util.Map;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries of the hexagon that Maven's module graph cannot see, as rules over a root package.
 * {@code ArchitectureTest} checks them on {@code dev.signals}; {@code ArchitectureRulesCanFailTest} runs
 * each against a small violating fixture to show that it can fail.
 */
final class ArchitectureRules {

    static final String DOMAIN_IS_PURE_JAVA = "domain depends only on java.. and itself";
    static final String APPLICATION_IS_FRAMEWORK_FREE = "application depends only on the domain, java.., jakarta.validation.. and libphonenumber";
    static final String HTTP_AND_JSON_ONLY_IN_REST = "Javalin and Jackson only in the REST adapter";
    static final String SQL_ONLY_IN_PERSISTENCE = "jOOQ, Flyway, JDBC and the drivers only in the persistence adapter";
    static final String METRICS_ONLY_WHERE_MEASURED = "Micrometer only in the REST and persistence adapters and bootstrap";
    static final String GUICE_ONLY_IN_MODULES = "Guice only in the adapters' modules and bootstrap";
    static final String ADAPTERS_ARE_INDEPENDENT = "adapters never depend on each other";
    static final String ADAPTERS_USE_THE_APPLICATION_THROUGH_PORTS = "adapters use the application only through its ports";
    static final String NO_PACKAGE_CYCLES = "no package cycles";
    static final String OUTGOING_PORTS_ARE_PORT_INTERFACES = "outgoing ports are interfaces named ...Port";
    static final String INCOMING_PORTS_ARE_USE_CASES_OR_QUERIES = "incoming ports are interfaces named ...UseCase or ...Query";

    private ArchitectureRules() {
    }

    /** Every rule, by name, for the hexagon rooted at {@code root} (e.g. {@code dev.signals}). */
    static Map<String, ArchRule> of(String root) {
        String domain = root + ".domain..";
        String application = root + ".application..";
        String rest = root + ".adapter.rest..";
        String persistence = root + ".adapter.persistence..";
        String adapters = root + ".adapter..";
        String bootstrap = root + ".bootstrap..";

        Map<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put(DOMAIN_IS_PURE_JAVA, classes()
                .that().resideInAPackage(domain)
                .should().onlyDependOnClassesThat().resideInAnyPackage(domain, "java..")
                .as(DOMAIN_IS_PURE_JAVA));
        rules.put(APPLICATION_IS_FRAMEWORK_FREE, classes()
                .that().resideInAPackage(application)
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        domain, application, "java..", "jakarta.validation..", "com.google.i18n.phonenumbers..")
                .as(APPLICATION_IS_FRAMEWORK_FREE));
        rules.put(HTTP_AND_JSON_ONLY_IN_REST, noClasses()
                .that().resideOutsideOfPackage(rest)
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "com.fasterxml.jackson..")
                .as(HTTP_AND_JSON_ONLY_IN_REST));
        rules.put(SQL_ONLY_IN_PERSISTENCE, noClasses()
                .that().resideOutsideOfPackage(persistence)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.jooq..", "org.flywaydb..", "java.sql..", "javax.sql..",
                        "com.zaxxer.hikari..", "org.h2..", "org.postgresql..")
                .as(SQL_ONLY_IN_PERSISTENCE));
        // The HTTP timer and /metrics, the pool's own Micrometer support, the registry and the counting decorators.
        rules.put(METRICS_ONLY_WHERE_MEASURED, noClasses()
                .that().resideOutsideOfPackages(rest, persistence, bootstrap)
                .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "io.prometheus..")
                .as(METRICS_ONLY_WHERE_MEASURED));
        rules.put(GUICE_ONLY_IN_MODULES, noClasses()
                .that(resideOutsideOfPackage(bootstrap).and(DescribedPredicate.not(guiceModuleOfAnAdapter(adapters))))
                .should().dependOnClassesThat().resideInAPackage("com.google.inject..")
                .as(GUICE_ONLY_IN_MODULES));
        rules.put(ADAPTERS_ARE_INDEPENDENT, slices()
                .matching(root + ".adapter.(*)..")
                .should().notDependOnEachOther()
                .as(ADAPTERS_ARE_INDEPENDENT));
        // The ports, incoming and outgoing, and what they share (their exceptions and pages), but no service.
        rules.put(ADAPTERS_USE_THE_APPLICATION_THROUGH_PORTS, classes()
                .that().resideInAPackage(adapters)
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(application).or(resideInAPackage(root + ".application.port..")))
                .as(ADAPTERS_USE_THE_APPLICATION_THROUGH_PORTS));
        String generated = root + ".adapter.persistence.jooq..";
        rules.put(NO_PACKAGE_CYCLES, slices()
                .matching(root + ".(**)")
                .should().beFreeOfCycles()
                // jOOQ's generated tables and records refer to each other by design; our code may not.
                .ignoreDependency(resideInAPackage(generated), resideInAPackage(generated))
                .as(NO_PACKAGE_CYCLES));
        rules.put(OUTGOING_PORTS_ARE_PORT_INTERFACES, classes()
                .that().resideInAPackage(root + ".application.port.out..").and().areTopLevelClasses()
                .should().beInterfaces().andShould().haveSimpleNameEndingWith("Port")
                .as(OUTGOING_PORTS_ARE_PORT_INTERFACES));
        rules.put(INCOMING_PORTS_ARE_USE_CASES_OR_QUERIES, classes()
                .that().resideInAPackage(root + ".application.port.in..").and().areInterfaces()
                .should().haveSimpleNameEndingWith("UseCase").orShould().haveSimpleNameEndingWith("Query")
                .as(INCOMING_PORTS_ARE_USE_CASES_OR_QUERIES));
        return rules;
    }

    /** A Guice module of an adapter, or a class nested in one (a provider method's lambda, say). */
    private static DescribedPredicate<JavaClass> guiceModuleOfAnAdapter(String adapters) {
        return resideInAPackage(adapters).and(DescribedPredicate.describe("a Guice module",
                (JavaClass javaClass) -> javaClass.getName().matches(".*Module(\\$.*)?")));
    }
}
