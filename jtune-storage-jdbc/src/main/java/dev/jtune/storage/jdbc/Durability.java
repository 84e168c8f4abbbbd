package dev.jtune.storage.jdbc;

/**
 * Which commits wait until the database has flushed them to disk.
 *
 * <p>Whatever the choice, a transaction is all or nothing and a database that is stopped and
 * started again (or a worker that dies) loses nothing that was committed; the choice only matters
 * when the database server's machine crashes or loses power.
 */
public enum Durability {
  /** Every commit waits for the flush (PostgreSQL {@code synchronous_commit=on}; SQLite {@code synchronous=FULL}). */
  FULL,
  /**
   * The default. Commits that change a trial's state, create studies or enqueue trials wait for
   * the flush; the writes of a running trial (its creation, parameters, intermediate values,
   * attributes, heartbeats) do not. Because the log is flushed in order, a trial's final commit also
   * makes everything it wrote before durable, so a machine crash can lose only trials that were
   * still running, which the heartbeat mechanism fails anyway. On SQLite this is WAL with
   * {@code synchronous=NORMAL}: a power loss may also lose the last finished trials, never
   * consistency.
   */
  FINISHED_TRIALS,
  /**
   * No commit waits for the disk on PostgreSQL ({@code synchronous_commit=off}); the server still
   * writes the log within a fraction of a second, and a clean restart loses nothing, but a crash of
   * the database server may lose the last fraction of a second of commits, finished trials
   * included. The fastest choice for throwaway or easily repeated studies. SQLite behaves as with
   * {@link #FINISHED_TRIALS}.
   */
  ASYNC
}
