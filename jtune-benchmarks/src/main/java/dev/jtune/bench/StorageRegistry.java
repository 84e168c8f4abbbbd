package dev.jtune.bench;

import dev.jtune.storage.InMemoryStorage;
import dev.jtune.storage.Storage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The storages a benchmark can name on its command line, with the names the peer scripts use
 * ({@code memory}, later {@code sqlite} and {@code postgres}). Each run opens a fresh, empty storage
 * and closes it afterwards; a factory for a database wipes or names its study so runs never share
 * trials.
 */
final class StorageRegistry {

  /** Opens fresh storages of one kind; {@code url} is what results report ({@code null} in memory). */
  record Kind(String name, Supplier<Storage> factory, String url) {}

  private final Map<String, Kind> kinds = new LinkedHashMap<>();

  /** The storages available in this build. */
  static StorageRegistry defaults() {
    return new StorageRegistry().register(new Kind("memory", InMemoryStorage::new, null));
  }

  StorageRegistry register(Kind kind) {
    if (kinds.putIfAbsent(kind.name(), kind) != null) {
      throw new IllegalArgumentException("storage '" + kind.name() + "' is already registered");
    }
    return this;
  }

  /** The registered names, in registration order. */
  Set<String> names() {
    return kinds.keySet();
  }

  /**
   * The storage kind of that name.
   *
   * @throws IllegalArgumentException naming the known storages if there is none
   */
  Kind get(String name) {
    Kind kind = kinds.get(name);
    if (kind == null) {
      throw new IllegalArgumentException(
          "unknown storage '" + name + "'; known: " + String.join(", ", names()));
    }
    return kind;
  }
}
