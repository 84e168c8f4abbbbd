/**
 * Which hyperparameters mattered. {@link dev.jtune.importance.ParamImportances#of} answers for a
 * study with fANOVA over a random forest (the default method of Optuna 3 and 4; Optuna 5 defaults
 * to PED-ANOVA); {@link dev.jtune.importance.ImportanceEvaluator} picks the method
 * ({@link dev.jtune.importance.FanovaEvaluator},
 * {@link dev.jtune.importance.MeanDecreaseImpurityEvaluator},
 * {@link dev.jtune.importance.PedAnovaEvaluator}),
 * the parameters and the {@link dev.jtune.importance.ImportanceTarget} (an objective of a
 * multi-objective study, or the trials' duration). Results are deterministic for a seed.
 */
package dev.jtune.importance;
