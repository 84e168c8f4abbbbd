/**
 * Training deep networks on DJL's PyTorch engine, tuned by jtune: {@link dev.jtune.nn.TorchRuntime}
 * starts the engine offline with one intra-op thread and names the fix when the native library is
 * missing. Data sets live in {@code dev.jtune.nn.data}, optimizers in {@code dev.jtune.nn.optim},
 * learning-rate and batch-size schedules in {@code dev.jtune.nn.schedule}, model builders in
 * {@code dev.jtune.nn.model}, the training loop in {@code dev.jtune.nn.train} and the Keras-Tuner
 * style facade in {@code dev.jtune.nn.tuner}. DJL types never reach {@code jtune-core}.
 */
package dev.jtune.nn;
