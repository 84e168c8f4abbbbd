package dev.jtune.nn.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads images and labels in the IDX format of MNIST and Fashion-MNIST, gzipped or not (recognised
 * by the gzip magic bytes, not the name). Images are unsigned bytes scaled to {@code [0, 1]} with
 * sample shape {@code [1, rows, cols]} (channels first, as a CNN wants it); use
 * {@link LabeledData#reshaped(int...)} for a flat vector. A wrong magic number, a count mismatch
 * between the two files, a truncated file or a label outside {@code [0, classes)} is a
 * {@link DataFormatException} naming the file. Stateless and thread-safe.
 */
public final class IdxLoader {

  /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
  public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  private static final int IMAGES_MAGIC = 0x00000803;
  private static final int LABELS_MAGIC = 0x00000801;

  private IdxLoader() {}

  /**
   * Fashion-MNIST (or MNIST) from a folder with the four standard file names
   * ({@code train-images-idx3-ubyte[.gz]}, ...): the 60,000 training or 10,000 test images.
   */
  public static LabeledData standard(Path folder, boolean train) {
    String prefix = train ? "train" : "t10k";
    return load(existing(folder, prefix + "-images-idx3-ubyte"),
        existing(folder, prefix + "-labels-idx1-ubyte"), 10);
  }

  /**
   * Reads one images file and its labels file, with as many classes as the largest label says
   * (largest + 1, at least 2): two for 0/1 labels (a binary task), 26 for EMNIST letters.
   */
  public static LabeledData load(Path images, Path labels) {
    return load(images, labels, 0);
  }

  /**
   * Reads one images file and its labels file; labels must lie in {@code [0, classes)}, or with
   * {@code classes} 0 the classes are counted as in {@link #load(Path, Path)}.
   *
   * @throws IllegalArgumentException naming both files if {@code classes} is negative or 1
   */
  public static LabeledData load(Path images, Path labels, int classes) {
    if (classes < 0 || classes == 1) {
      throw new IllegalArgumentException("classes=" + classes + " for " + images + " and " + labels
          + ": give 0 to count them from the labels, or at least 2");
    }
    int count;
    int height;
    int width;
    float[] x;
    try (DataInputStream in = open(images)) {
      int magic = in.readInt();
      if (magic != IMAGES_MAGIC) {
        throw new DataFormatException(images, "magic number 0x" + Integer.toHexString(magic)
            + " is not 0x803 (IDX unsigned-byte images of rank 3)", null);
      }
      count = in.readInt();
      height = in.readInt();
      width = in.readInt();
      long size = (long) count * height * width;
      if (count <= 0 || height <= 0 || width <= 0 || size > Integer.MAX_VALUE - 8) {
        throw new DataFormatException(images, "header declares " + count + " images of "
            + height + " x " + width + " pixels; each must be positive and the pixels fewer "
            + "than 2^31", null);
      }
      if (!gzipped(images) && Files.size(images) < 16 + size) {
        throw new DataFormatException(images, "truncated: " + Files.size(images) + " bytes, its "
            + "header declares " + (16 + size), null);
      }
      byte[] bytes = readFully(in, (int) size);
      requireEnd(in, images, 16 + size);
      x = new float[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        x[i] = (bytes[i] & 0xff) / 255f;
      }
    } catch (EOFException e) {
      throw new DataFormatException(images, "truncated: fewer bytes than its header declares", e);
    } catch (java.util.zip.ZipException e) {
      throw damaged(images, e);
    } catch (IOException e) {
      throw DataFormatException.unreadable(images, e);
    }
    float[] y = new float[count];
    try (DataInputStream in = open(labels)) {
      int magic = in.readInt();
      if (magic != LABELS_MAGIC) {
        throw new DataFormatException(labels, "magic number 0x" + Integer.toHexString(magic)
            + " is not 0x801 (IDX unsigned-byte labels)", null);
      }
      int n = in.readInt();
      if (n != count) {
        throw new DataFormatException(labels, "holds " + n + " labels but " + images + " holds "
            + count + " images", null);
      }
      byte[] bytes = new byte[n];
      in.readFully(bytes);
      requireEnd(in, labels, 8L + n);
      if (classes <= 0) {
        int largest = 0;
        for (byte b : bytes) {
          largest = Math.max(largest, b & 0xff);
        }
        classes = Math.max(2, largest + 1);
      }
      for (int i = 0; i < n; i++) {
        int label = bytes[i] & 0xff;
        if (label >= classes) {
          throw new DataFormatException(labels, "label " + label + " of item " + i
              + " is not below classes=" + classes, null);
        }
        y[i] = label;
      }
    } catch (EOFException e) {
      throw new DataFormatException(labels, "truncated: fewer than the " + count + " label bytes "
          + "its header declares", e);
    } catch (java.util.zip.ZipException e) {
      throw damaged(labels, e);
    } catch (IOException e) {
      throw DataFormatException.unreadable(labels, e);
    }
    return new LabeledData(x, count, new int[] {1, height, width}, y, classes);
  }

  /**
   * Reads to the end of the file: bytes past the declared data are refused (a header that
   * under-counts would drop rows or misalign images without a word), and a gzipped file's
   * checksum, which {@code GZIPInputStream} checks only at the end of the stream, is checked.
   */
  private static void requireEnd(DataInputStream in, Path file, long declared) throws IOException {
    long extra = 0;
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) > 0; ) {
      extra += n;
    }
    if (extra > 0) {
      throw new DataFormatException(file, extra + " byte(s) after the " + declared
          + " its header declares" + (gzipped(file) ? " (uncompressed)" : "")
          + ": the header's counts or sizes do not match the data", null);
    }
  }

  private static DataFormatException damaged(Path file, java.util.zip.ZipException e) {
    return new DataFormatException(file, "is damaged (gzip: " + e.getMessage() + "); fetch or "
        + "install it again", e);
  }

  private static Path existing(Path folder, String name) {
    Path gz = folder.resolve(name + ".gz");
    if (Files.exists(gz)) {
      return gz;
    }
    Path plain = folder.resolve(name);
    if (Files.exists(plain)) {
      return plain;
    }
    throw new DataFormatException(gz, "not found (nor " + plain + "); on Debian, apt-get install"
        + " dataset-fashion-mnist puts Fashion-MNIST in " + FASHION_MNIST, null);
  }

  private static DataInputStream open(Path file) throws IOException {
    boolean gzip = gzipped(file);
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    return new DataInputStream(gzip
        ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw);
  }

  /**
   * Exactly {@code size} bytes, in a buffer that grows as they arrive (by doubling from 16 MiB):
   * a compressed file whose header declares more than it holds ends in {@link EOFException}
   * without first allocating what the header claims.
   */
  private static byte[] readFully(InputStream in, int size) throws IOException {
    byte[] buffer = new byte[Math.min(size, 1 << 24)];
    int filled = 0;
    while (filled < size) {
      if (filled == buffer.length) {
        buffer = Arrays.copyOf(buffer, (int) Math.min(size, 2L * buffer.length));
      }
      int n = in.read(buffer, filled, buffer.length - filled);
      if (n < 0) {
        throw new EOFException(filled + " of " + size + " bytes");
      }
      filled += n;
    }
    return buffer;
  }

  /** Whether the file starts with gzip's magic bytes (its name does not matter). */
  private static boolean gzipped(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }
}
