package dev.jtune.testkit;

import dev.jtune.storage.InMemoryStorage;
import dev.jtune.storage.Storage;

class InMemoryStorageTest extends StorageContract {
  @Override
  protected Storage newStorage() {
    return new InMemoryStorage();
  }
}
