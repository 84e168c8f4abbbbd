package dev.jtune.nn.model;

import ai.djl.MalformedModelException;
import ai.djl.nn.AbstractBlock;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * A block without parameters that is saved exactly as DJL's parameterless blocks are
 * ({@code LambdaBlock}, {@code Dropout}): encoding version 2 with the input shapes, and version 1
 * (nothing) accepted on load, so networks saved with DJL's block load into jtune's and back.
 */
abstract class StatelessBlock extends AbstractBlock {

  private static final byte VERSION = 2;

  StatelessBlock() {
    super(VERSION);
  }

  /** Reads versions 1 (nothing) and 2 (input shapes). */
  @Override
  public void loadMetadata(byte loadVersion, DataInputStream is)
      throws IOException, MalformedModelException {
    if (loadVersion == VERSION) {
      readInputShapes(is);
    } else if (loadVersion != 1) {
      throw new MalformedModelException("unsupported encoding version " + loadVersion + " of "
          + this);
    }
  }
}
