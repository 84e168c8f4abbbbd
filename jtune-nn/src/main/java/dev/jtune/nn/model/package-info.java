/**
 * Networks from hyperparameters: {@link dev.jtune.nn.model.HyperModel} turns a trial into a DJL
 * block and a training plan; {@link dev.jtune.nn.model.MlpHyperModel} and
 * {@link dev.jtune.nn.model.CnnHyperModel} are the built-in builders. Weights start from a seeded
 * Glorot-uniform draw made in Java, so a trial's initial network does not depend on libtorch's
 * global random state or on other threads.
 */
package dev.jtune.nn.model;
