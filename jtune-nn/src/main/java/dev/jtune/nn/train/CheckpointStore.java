package dev.jtune.nn.train;

import dev.jtune.io.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checkpoints by trial number, one file each ({@code trial-N.ckpt}) in a directory that every
 * worker of a study can reach, so a member's next interval can run in another thread or process,
 * or after a restart. Each file is written whole or not at all. Thread-safe.
 */
public final class CheckpointStore {
  private final Path directory;

  /** A store in {@code directory}, created if missing. */
  public CheckpointStore(Path directory) {
    this.directory = directory;
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the checkpoint directory " + directory, e);
    }
  }

  /** The directory. */
  public Path directory() {
    return directory;
  }

  /** The file of trial {@code number}'s checkpoint. */
  public Path file(int number) {
    return directory.resolve("trial-" + number + ".ckpt");
  }

  /** Saves trial {@code number}'s checkpoint, replacing any. */
  public void save(int number, Checkpoint checkpoint) {
    try {
      AtomicFile.write(file(number), checkpoint.toBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint " + file(number), e);
    }
  }

  /**
   * Trial {@code number}'s checkpoint.
   *
   * @throws IllegalStateException naming the file if there is none (the trial ran with another
   *     directory, or its checkpoint was deleted)
   * @throws IllegalArgumentException naming the file if it is damaged
   */
  public Checkpoint load(int number) {
    Path file = file(number);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalStateException("no checkpoint of trial " + number + " (" + file + "): "
          + "did that trial run with another checkpoint directory, or was the file deleted?", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the checkpoint " + file, e);
    }
    return Checkpoint.fromBytes(bytes, file.toString());
  }

  /** Whether trial {@code number} has a checkpoint here. */
  public boolean contains(int number) {
    return Files.isRegularFile(file(number));
  }

  /** Deletes trial {@code number}'s checkpoint, if any. */
  public void delete(int number) {
    try {
      Files.deleteIfExists(file(number));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the checkpoint " + file(number), e);
    }
  }
}
