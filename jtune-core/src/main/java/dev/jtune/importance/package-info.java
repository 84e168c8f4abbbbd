/**
 * Which hyperparameters mattered. {@link dev.jtune.importance.ParamImportances#of} answers for a
 * study with fANOVA over a random forest (Optuna's default method);
 * {@link dev.jtune.importance.ImportanceEvaluator} picks the method
 * ({@link dev.jtune.importance.FanovaEvaluator}, {@link dev.jtune.importance.MeanDecreaseImpurityEvaluator}),
 * the parameters and the {@link dev.jtune.importance.ImportanceTarget} (an objective of a
 * multi-objective study, or the trials' duration). Results are deterministic for a seed.
 */
package dev.jtune.importance;
