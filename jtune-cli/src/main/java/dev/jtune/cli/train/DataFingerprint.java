package dev.jtune.cli.train;

import dev.jtune.nn.data.LabeledData;
import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A digest of the data a training study's trials are judged on (its training, validation and
 * test parts, features and labels, after loading, encoding, standardizing and splitting), stored
 * with the study, so that a resumed study whose data file changed since, or that this version of
 * jtune generates or splits otherwise, is refused instead of ranking trials of two problems
 * together (the study file's sections can be unchanged in both cases).
 */
public final class DataFingerprint {
  /** The study system attribute that holds the digest. */
  public static final String ATTR = "jtune_data_sha256";

  private DataFingerprint() {}

  /** The SHA-256 of the bound data's parts, hex. */
  public static String of(TrainingSpecAdapter.Bound bound) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
    for (LabeledData part : new LabeledData[] {bound.train(), bound.validation(), bound.test()}) {
      if (part == null) {
        sha.update((byte) 0);
        continue;
      }
      ByteBuffer head = ByteBuffer.allocate(8 + 4 * part.sampleShape().length);
      head.putInt(part.rows()).putInt(part.classes());
      for (int d : part.sampleShape()) {
        head.putInt(d);
      }
      sha.update(head.array());
      update(sha, part.features());
      update(sha, part.labels());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void update(MessageDigest sha, float[] values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length);
    for (float v : values) {
      b.putInt(Float.floatToIntBits(v));
    }
    sha.update(b.array());
  }

  /**
   * The digest stored with the study, if any (studies begun before jtune stored one have none).
   */
  public static Optional<String> stored(Storage storage, StudyId study) {
    return storage.study(study).systemAttrs().get(ATTR) instanceof String s ? Optional.of(s)
        : Optional.empty();
  }

  /** Stores {@code digest} with the study. */
  public static void store(Storage storage, StudyId study, String digest) {
    storage.setStudySystemAttr(study, ATTR, digest);
  }
}
