/**
 * Where studies live: the {@link dev.jtune.storage.Storage} contract every backend follows, the
 * {@link dev.jtune.storage.InMemoryStorage} for tests and throwaway runs, typed ids, and the storage
 * exceptions. Database storages live in other modules and pass the same contract suite.
 */
package dev.jtune.storage;
