/**
 * Benchmarks of Signals, each measured side by side with the limit it is compared to, in the same
 * run: the figures are read as ratios, because a shared machine's absolute figures are noise.
 * Nothing here runs in {@code mvn verify}; the build only compiles it.
 */
package dev.signals.benchmarks;
