package dev.jtune.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxLoaderTest {

  @TempDir Path dir;

  private static byte[] images(int magic, int n, int h, int w, int bytes) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    out.writeInt(magic);
    out.writeInt(n);
    out.writeInt(h);
    out.writeInt(w);
    for (int i = 0; i < bytes; i++) {
      out.writeByte(i * 51);
    }
    return b.toByteArray();
  }

  private static byte[] labels(int n, int... values) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    out.writeInt(0x801);
    out.writeInt(n);
    for (int v : values) {
      out.writeByte(v);
    }
    return b.toByteArray();
  }

  private Path write(String name, byte[] content, boolean gzip) throws IOException {
    Path f = dir.resolve(name);
    try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(f))
        : Files.newOutputStream(f)) {
      out.write(content);
    }
    return f;
  }

  /** Without a class count, the labels give it: 0/1 labels make a binary task, 0..25 26. */
  @Test
  void theClassesAreCountedFromTheLabels() throws IOException {
    byte[] img = images(0x803, 3, 1, 2, 6);
    assertThat(IdxLoader.load(write("b", img, false), write("bl", labels(3, 0, 1, 1), false))
        .classes()).isEqualTo(2);
    assertThat(IdxLoader.load(write("e", img, false), write("el", labels(3, 25, 0, 7), false))
        .classes()).isEqualTo(26);
  }

  @Test
  void aNegativeOrSingleClassCountIsRefusedNamingTheFiles() throws IOException {
    Path images = write("c", images(0x803, 3, 1, 2, 6), false);
    Path labels = write("cl", labels(3, 0, 1, 1), false);
    for (int classes : new int[] {-5, 1}) {
      assertThatThrownBy(() -> IdxLoader.load(images, labels, classes))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("classes=" + classes).hasMessageContaining(images.toString());
    }
  }

  @Test
  void readsPlainAndGzippedFilesAlike() throws IOException {
    byte[] img = images(0x803, 2, 1, 3, 6);
    byte[] lab = labels(2, 4, 9);
    LabeledData plain = IdxLoader.load(write("i", img, false), write("l", lab, false), 10);
    LabeledData gz = IdxLoader.load(write("i.gz", img, true), write("l.gz", lab, true), 10);
    assertThat(gz).isEqualTo(plain);
    assertThat(plain.sampleShape()).containsExactly(1, 1, 3);
    assertThat(plain.features()).containsExactly(0f, 0.2f, 0.4f, 0.6f, 0.8f, 1f);
    assertThat(plain.labels()).containsExactly(4, 9);
  }

  @Test
  void badMagicTruncationAndMismatchNameTheFile() throws IOException {
    Path lab = write("l", labels(2, 1, 2), false);
    Path wrongMagic = write("a", images(0x801, 2, 1, 3, 6), false);
    assertThatThrownBy(() -> IdxLoader.load(wrongMagic, lab, 10))
        .isInstanceOf(DataFormatException.class).hasMessageContaining(wrongMagic.toString())
        .hasMessageContaining("0x803");
    Path truncated = write("b", images(0x803, 2, 1, 3, 5), true);
    assertThatThrownBy(() -> IdxLoader.load(truncated, lab, 10))
        .hasMessageContaining(truncated.toString()).hasMessageContaining("truncated");
    Path plainTruncated = write("d", images(0x803, 2_500_000, 28, 28, 10), false);
    assertThatThrownBy(() -> IdxLoader.load(plainTruncated, lab, 10))
        .hasMessageContaining(plainTruncated.toString()).hasMessageContaining("truncated: 26 bytes");
    Path gzTruncated = write("g", images(0x803, 2_500_000, 28, 28, 10), true);
    assertThatThrownBy(() -> IdxLoader.load(gzTruncated, lab, 10))   // 2 GB declared, 10 bytes
        .hasMessageContaining(gzTruncated.toString()).hasMessageContaining("truncated");
    for (int[] header : new int[][] {{-1, 28, 28}, {1, 0, 28}, {Integer.MAX_VALUE, 28, 28}}) {
      Path bad = write("e", images(0x803, header[0], header[1], header[2], 0), true);
      assertThatThrownBy(() -> IdxLoader.load(bad, lab, 10))
          .isInstanceOf(DataFormatException.class).hasMessageContaining(bad.toString())
          .hasMessageContaining("header declares " + header[0] + " images");
    }
    Path three = write("c", images(0x803, 3, 1, 1, 3), false);
    assertThatThrownBy(() -> IdxLoader.load(three, lab, 10))
        .hasMessageContaining("holds 2 labels but");
  }

  /**
   * Bytes past the declared data, and a gzip file whose checksum does not match, are refused:
   * both loaded before (rows dropped, or damaged pixels read as good ones).
   */
  @Test
  void extraBytesAndADamagedGzipAreRefused() throws IOException {
    for (boolean gz : new boolean[] {false, true}) {
      Path img = write("img" + gz, images(0x803, 2, 1, 3, 9), gz);   // pixels of 3 images
      Path lab = write("lab" + gz, labels(2, 1, 2), gz);
      assertThatThrownBy(() -> IdxLoader.load(img, lab, 10))
          .isInstanceOf(DataFormatException.class).hasMessageContaining(img.toString())
          .hasMessageContaining("3 byte(s) after the 22 its header declares");
      Path fine = write("fine" + gz, images(0x803, 2, 1, 3, 6), gz);
      Path threeLabels = write("lab3" + gz, labels(2, 1, 2, 7), gz);
      assertThatThrownBy(() -> IdxLoader.load(fine, threeLabels, 10))
          .hasMessageContaining(threeLabels.toString())
          .hasMessageContaining("1 byte(s) after the 10 its header declares");
      assertThat(IdxLoader.load(fine, lab, 10).rows()).isEqualTo(2);
    }
    // one stored pixel changed in a gzip file written without compression: the CRC no longer
    // matches
    java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(zipped) {
      {
        def.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
      }
    }) {
      out.write(images(0x803, 2, 1, 3, 6));
    }
    byte[] bytes = zipped.toByteArray();
    int pixel = bytes.length - 8 - 1;   // the last data byte, before the CRC and size
    bytes[pixel] = (byte) (bytes[pixel] ^ 0x10);
    Path damaged = dir.resolve("damaged");
    Files.write(damaged, bytes);
    assertThatThrownBy(() -> IdxLoader.load(damaged, write("lab", labels(2, 1, 2), false), 10))
        .isInstanceOf(DataFormatException.class).hasMessageContaining(damaged.toString())
        .hasMessageContaining("is damaged (gzip");
  }

  @Test
  void readsDebiansFashionMnistWhenInstalled() {
    assumeTrue(Files.exists(IdxLoader.FASHION_MNIST.resolve("t10k-images-idx3-ubyte.gz")),
        "apt-get install dataset-fashion-mnist");
    LabeledData test = IdxLoader.standard(IdxLoader.FASHION_MNIST, false);
    assertThat(test.rows()).isEqualTo(10_000);
    assertThat(test.sampleShape()).containsExactly(1, 28, 28);
    assertThat(test.classCounts()).containsOnly(1000);
  }
}
