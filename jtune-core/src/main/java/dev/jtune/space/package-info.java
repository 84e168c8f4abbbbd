/**
 * Search spaces: the {@link dev.jtune.space.Distribution} of each hyperparameter (float, int,
 * categorical; log scales and steps) and the declarative {@link dev.jtune.space.SearchSpace} that grid
 * search and configuration files use. All types here are immutable values.
 */
package dev.jtune.space;
