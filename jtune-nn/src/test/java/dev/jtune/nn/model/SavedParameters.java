package dev.jtune.nn.model;

import ai.djl.nn.Block;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** A block's parameters as {@code Block.saveParameters} writes them, for save-format tests. */
final class SavedParameters {

  private SavedParameters() {}

  static byte[] of(Block block) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
    }
    return bytes.toByteArray();
  }
}
