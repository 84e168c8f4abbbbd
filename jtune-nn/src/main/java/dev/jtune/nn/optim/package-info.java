/**
 * Optimizers as values ({@link dev.jtune.nn.optim.OptimizerSpec}: gradient descent, SGD, momentum,
 * Nesterov, Adam, AdamW, RMSprop, Adagrad, each record's javadoc stating its update rule), their
 * choice as a hyperparameter with conditional hyperparameters ({@link dev.jtune.nn.optim.OptimizerChoice}),
 * and {@link dev.jtune.nn.optim.Updater}, which applies a rule in place to a network's parameters.
 */
package dev.jtune.nn.optim;
