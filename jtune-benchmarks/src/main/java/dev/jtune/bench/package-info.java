/**
 * jtune's benchmarks, measured against the Python peers in {@code shared/peers/}: a runnable jar
 * ({@code java -jar jtune-benchmarks/target/jtune-benchmarks.jar <benchmark>}) whose subcommands run
 * the same problems, budgets and seeds as the peer scripts and print one JSON object per result on
 * stdout with the peers' field names, so that both tools can be measured in the same session and
 * compared as ratios. Progress goes to stderr. Never published; not an API.
 */
package dev.jtune.bench;
