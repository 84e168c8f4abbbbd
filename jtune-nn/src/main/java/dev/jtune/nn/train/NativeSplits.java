package dev.jtune.nn.train;

import dev.jtune.nn.data.Split;
import dev.jtune.nn.model.Task;
import java.util.List;

/**
 * Each split's training and held-out rows as native tensors, made when first needed and freed
 * when closed and no fit holds them; shared by a {@link TrainingObjective} and its copies.
 */
final class NativeSplits implements AutoCloseable {
  /** One split's training and held-out rows in native memory. */
  record NativeSplit(NativeData train, NativeData held) {}

  private final List<Split> splits;
  private final Task task;
  private NativeSplit[] made;
  private int holders;
  private boolean closeRequested;

  NativeSplits(List<Split> splits, Task task) {
    this.splits = splits;
    this.task = task;
  }

  /** Split {@code f}'s native data, held until {@link #release()}. */
  synchronized NativeSplit acquire(int f) {
    if (made == null) {
      made = new NativeSplit[splits.size()];
    }
    if (made[f] == null) {
      Split split = splits.get(f);
      NativeData train = NativeData.of(split.train(), task);
      try {
        made[f] = new NativeSplit(train, NativeData.of(split.held(), task));
      } catch (RuntimeException e) {
        train.close();
        throw e;
      }
    }
    holders++;
    return made[f];
  }

  synchronized void release() {
    holders--;
    if (closeRequested && holders == 0) {
      free();
    }
  }

  synchronized boolean holdsData() {
    return made != null;
  }

  @Override
  public synchronized void close() {
    closeRequested = true;
    if (holders == 0) {
      free();
    }
  }

  private void free() {
    if (made != null) {
      for (NativeSplit split : made) {
        if (split != null) {
          split.train().close();
          split.held().close();
        }
      }
      made = null;
    }
    closeRequested = false;
  }
}
