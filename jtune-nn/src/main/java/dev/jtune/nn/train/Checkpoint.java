package dev.jtune.nn.train;

import dev.jtune.nn.optim.OptimizerState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * Where a training run stands, to go on from later: the weights (DJL's parameter format), the
 * optimizer's state and the epochs trained so far. A population member's trial ends by saving one,
 * and the trials that continue or copy the member start from it ({@link FitLoop#startingFrom}).
 *
 * @param weights the network's weights after the last epoch
 * @param optimizer the optimizer's state after the last epoch
 * @param epochs the epochs trained since the network was initialized
 */
public record Checkpoint(byte[] weights, OptimizerState optimizer, int epochs) {

  private static final int MAGIC = 0x4A54434B;   // "JTCK"
  private static final int VERSION = 2;

  public Checkpoint {
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(optimizer, "optimizer");
    if (epochs < 0) {
      throw new IllegalArgumentException("epochs=" + epochs + " must be >= 0");
    }
  }

  /**
   * The checkpoint as bytes, read back by {@link #fromBytes}: a header, the weights, the optimizer
   * state, and a CRC-32 of all that before it, so a damaged file is refused rather than loaded.
   */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(weights.length + 1024);
    CRC32 crc = new CRC32();
    try (DataOutputStream out = new DataOutputStream(new CheckedOutputStream(bytes, crc))) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(epochs);
      out.writeInt(weights.length);
      out.write(weights);
      out.writeUTF(optimizer.rule());
      out.writeInt(optimizer.updates());
      out.writeInt(optimizer.tensors().size());
      for (float[] tensor : optimizer.tensors()) {
        out.writeInt(tensor.length);
        for (float x : tensor) {
          out.writeFloat(x);
        }
      }
      out.flush();
      long sum = crc.getValue();
      new DataOutputStream(bytes).writeLong(sum);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads a checkpoint written by {@link #toBytes()}.
   *
   * @param source what the bytes came from, for the error message
   * @throws IllegalArgumentException naming {@code source} if the bytes are not a whole checkpoint
   */
  public static Checkpoint fromBytes(byte[] bytes, String source) {
    if (bytes.length < 16) {
      throw new IllegalArgumentException(source + " is not a jtune checkpoint (version " + VERSION
          + "): " + bytes.length + " bytes");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    long stored = java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0,
        bytes.length - 8))) {
      int magic = in.readInt();
      int version = in.readInt();
      if (magic != MAGIC || version != VERSION) {
        throw new IllegalArgumentException(source + " is not a jtune checkpoint (version "
            + VERSION + ")");
      }
      if (crc.getValue() != stored) {
        throw new IllegalArgumentException(source + " is damaged: its checksum does not match "
            + "its content");
      }
      int epochs = in.readInt();
      byte[] weights = new byte[checkedLength(in.readInt(), in.available(), source)];
      in.readFully(weights);
      String rule = in.readUTF();
      int updates = in.readInt();
      // lengths bounded by what is left to read: a damaged count allocates nothing large
      int count = checkedLength(in.readInt(), in.available() / 4, source);
      List<float[]> tensors = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        float[] tensor = new float[checkedLength(in.readInt(), in.available() / 4, source)];
        for (int j = 0; j < tensor.length; j++) {
          tensor[j] = in.readFloat();
        }
        tensors.add(tensor);
      }
      if (in.available() > 0) {
        throw new IllegalArgumentException(source + " has " + in.available()
            + " bytes after its checkpoint");
      }
      return new Checkpoint(weights, new OptimizerState(rule, updates, tensors), epochs);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + " is cut short: " + e, e);
    }
  }

  private static int checkedLength(int length, int most, String source) {
    if (length < 0 || length > most) {
      throw new IllegalArgumentException(source + " is damaged: a length of " + length);
    }
    return length;
  }
}
