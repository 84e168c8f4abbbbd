/**
 * Pruners: stop hopeless trials early from their learning curves. {@link dev.jtune.pruner.Pruner}
 * returns a {@link dev.jtune.pruner.PruneDecision} that carries its reason.
 */
package dev.jtune.pruner;
