package dev.jtune.cli;

/**
 * The exit codes of every {@code jtune} command. They are part of the command's contract: scripts
 * may rely on them.
 *
 * <pre>
 *   0    done
 *   1    failure not covered below (a bug, an objective that throws an Error, a run in which
 *        every trial failed, an I/O failure)
 *   2    bad usage: unknown option or command, a missing or ill-typed argument (picocli's code)
 *   3    bad configuration: the YAML study file or a stored configuration is invalid
 *   4    storage unreachable or failing: the database URL cannot be opened or a query fails
 *   5    not found: no study or trial by that name or number in the storage
 *   6    done: {@code jtune ask} has nothing to ask (the study's budget of finished trials is
 *        reached, its grid is used up, or its budget.terminate finds it done), so a shell loop
 *        around it ends
 *   130  interrupted by Ctrl-C (SIGINT); what finished is stored and the next run resumes
 * </pre>
 */
public enum ExitCode {
  OK(0),
  FAILURE(1),
  USAGE(2),
  CONFIG(3),
  STORAGE(4),
  NOT_FOUND(5),
  DONE(6),
  INTERRUPTED(130);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /** The process exit status. */
  public int code() {
    return code;
  }
}
