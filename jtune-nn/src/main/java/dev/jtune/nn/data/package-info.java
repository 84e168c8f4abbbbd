/**
 * Data sets held in plain Java arrays ({@link dev.jtune.nn.data.LabeledData}), their sources (a
 * seeded {@code make_classification}, CSV and IDX files), standardization fitted on a training split,
 * and seeded stratified splits and k-fold splits. Nothing here touches DJL: arrays become native
 * tensors once, when a fit starts.
 */
package dev.jtune.nn.data;
