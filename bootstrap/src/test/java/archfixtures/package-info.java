/**
 * Small hexagons that each break one architecture rule on purpose, so that
 * {@code ArchitectureRulesCanFailTest} can show every rule is able to fail. Never production code.
 */
package archfixtures;
