package dev.jtune.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir
  Path dir;

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporaryOne() throws IOException {
    Path file = Files.writeString(dir.resolve("out.csv"), "old");

    assertThatThrownBy(() -> AtomicFile.write(file, out -> {
      out.write("half of the new");
      throw new IOException("disk full");
    })).hasMessage("disk full");

    assertThat(Files.readString(file)).isEqualTo("old");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void aReplacedFileKeepsItsPermissionsAndANewOneIsNotOwnerOnly() throws IOException {
    Path shared = Files.writeString(dir.resolve("shared.txt"), "old");
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-rw-r--"));
    AtomicFile.write(shared, "new".getBytes());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)))
        .isEqualTo("rw-rw-r--");
    assertThat(Files.readString(shared)).isEqualTo("new");

    Path fresh = dir.resolve("fresh.txt");
    AtomicFile.write(fresh, out -> out.write("text \uD800 half"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)))
        .as("a temporary file's owner-only mode would stay").isNotEqualTo("rw-------");
    assertThat(Files.readString(fresh)).isEqualTo("text ? half");
  }

  @Test
  void aSymbolicLinkIsWrittenThrough() throws IOException {
    Path real = Files.writeString(Files.createDirectories(dir.resolve("a")).resolve("f.txt"), "x");
    Path link = Files.createSymbolicLink(dir.resolve("link.txt"), dir.relativize(real));

    AtomicFile.write(link, "y".getBytes());

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).isEqualTo("y");
    assertThat(AtomicFile.resolveLinks(link)).isEqualTo(dir.resolve("a/f.txt"));
  }

  @Test
  void aLoopOfLinksIsRefusedAndLeftAsItWas() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Files.createSymbolicLink(a, b.getFileName());
    Files.createSymbolicLink(b, a.getFileName());

    assertThatThrownBy(() -> AtomicFile.write(a, "x".getBytes()))
        .isInstanceOf(java.nio.file.FileSystemException.class)
        .hasMessageContaining("symbolic links in a row");

    assertThat(Files.isSymbolicLink(a)).isTrue();
    assertThat(Files.isSymbolicLink(b)).isTrue();
  }
}