/**
 * The Keras-Tuner-style facade: {@link dev.jtune.nn.tuner.Tuner} runs a study over a
 * {@link dev.jtune.nn.model.HyperModel} with Keras Tuner's vocabulary (objective, max trials,
 * directory and project name, search, best hyperparameters, best models, results summary), saving
 * each completed trial's best weights under the project directory.
 */
package dev.jtune.nn.tuner;
