package dev.jtune.nn.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.data.Standardizer;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Standardizes its input with statistics adapted to training rows, as Keras's
 * {@code layers.Normalization} after {@code adapt(x_train)}: {@code (x − mean) / scale} per element
 * of the sample, with the mean and standard deviation of the rows it was adapted to (a constant
 * element is centred, not scaled; elements left out by the mask pass unchanged).
 *
 * <p>The statistics are parameters without gradients, saved and loaded with the network's other
 * weights, so a reloaded network takes raw inputs. It must be the network's first layer (alone, or
 * first in a chain of {@link SequentialBlock}s): {@link dev.jtune.nn.train.FitLoop} adapts it to
 * the training rows of each fit before it trains ({@link #adaptTo}), so with cross-validation each
 * fold's network sees statistics of its own training rows only, never of the rows that judge it.
 * Until adapted the block is the identity.
 */
public final class NormalizationBlock extends AbstractBlock {

  private static final byte VERSION = 1;

  private final boolean[] mask;
  private final Parameter mean;
  private final Parameter scale;

  /** Normalizes every element of the sample. */
  public NormalizationBlock() {
    this(null);
  }

  /**
   * Normalizes the elements of the (flattened) sample where {@code mask} is true, such as the
   * numeric columns of a CSV file ({@code CsvData.numeric()}); {@code null} for all.
   */
  public NormalizationBlock(boolean[] mask) {
    super(VERSION);
    this.mask = mask == null ? null : mask.clone();
    this.mean = addParameter(Parameter.builder().setName("mean")
        .setType(Parameter.Type.RUNNING_MEAN).optRequiresGrad(false).build());
    this.scale = addParameter(Parameter.builder().setName("scale")
        .setType(Parameter.Type.RUNNING_VAR).optRequiresGrad(false).build());
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    Shape sample = inputShapes[0].slice(1);
    if (mask != null && mask.length != sample.size()) {
      throw new IllegalArgumentException("normalization mask has " + mask.length
          + " entries for samples of shape " + sample + " (" + sample.size() + " elements)");
    }
    mean.setShape(sample);
    scale.setShape(sample);
  }

  /**
   * Sets the statistics to those of {@code train}'s features (the block must be initialized).
   *
   * @throws IllegalArgumentException if the samples do not have the block's shape
   */
  public void adapt(LabeledData train) {
    if (!mean.isInitialized()) {
      throw new IllegalStateException("initialize the network before adapting its normalization");
    }
    if (mean.getArray().size() != train.sampleSize()) {
      throw new IllegalArgumentException("normalization of " + mean.getArray().size()
          + "-element samples cannot adapt to samples of " + train.sampleSize());
    }
    Standardizer fitted = mask == null ? Standardizer.fit(train) : Standardizer.fit(train, mask);
    mean.getArray().set(toFloats(fitted.mean()));
    scale.getArray().set(toFloats(fitted.scale()));
  }

  /** The adapted means, one per sample element. */
  public float[] means() {
    return mean.getArray().toFloatArray();
  }

  /** The adapted standard deviations (1 where masked out or constant). */
  public float[] scales() {
    return scale.getArray().toFloatArray();
  }

  /**
   * Adapts the normalization block at {@code network}'s input, if there is one, to {@code train}.
   *
   * @throws IllegalArgumentException if the network has a normalization block anywhere but first
   */
  public static void adaptTo(Block network, LabeledData train) {
    List<NormalizationBlock> all = in(network);
    if (all.isEmpty()) {
      return;
    }
    Block first = network;
    while (first instanceof SequentialBlock && !first.getChildren().isEmpty()) {
      first = first.getChildren().get(0).getValue();
    }
    for (NormalizationBlock n : all) {
      if (n != first) {
        throw new IllegalArgumentException("a NormalizationBlock standardizes the raw input and "
            + "must be the network's first layer; found one after " + first + " in " + network);
      }
    }
    ((NormalizationBlock) first).adapt(train);
  }

  /** Every normalization block in {@code block}'s tree (itself included), in depth-first order. */
  public static List<NormalizationBlock> in(Block block) {
    List<NormalizationBlock> found = new ArrayList<>();
    collect(block, found);
    return found;
  }

  private static void collect(Block block, List<NormalizationBlock> found) {
    if (block instanceof NormalizationBlock n) {
      found.add(n);
    }
    for (Block child : block.getChildren().values()) {
      collect(child, found);
    }
  }

  private static float[] toFloats(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray m = store.getValue(mean, x.getDevice(), training);
    NDArray s = store.getValue(scale, x.getDevice(), training);
    return new NDList(x.sub(m).div(s));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  public void loadMetadata(byte loadVersion, DataInputStream is)
      throws IOException, MalformedModelException {
    if (loadVersion != VERSION) {
      throw new MalformedModelException("unsupported normalization encoding version "
          + loadVersion);
    }
    readInputShapes(is);
  }

  @Override
  public String toString() {
    return "Normalization(" + (mask == null ? "all elements" : "masked") + ")";
  }
}
