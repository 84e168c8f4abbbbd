package dev.jtune.cli;

import dev.jtune.dashboard.DashboardServer;
import dev.jtune.storage.Storage;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jtune dashboard}: serves every study of a storage as web pages, read-only, until stopped.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
    description = {"Serves a read-only web dashboard of every study in a storage: a list of the"
        + " studies, and for each its history, learning curves, importances, slices and parallel"
        + " coordinates, reloading while it runs. Runs until Ctrl-C.",
        "It shows every parameter and attribute without a login: keep the default --host unless"
            + " the network is trusted."})
final class DashboardCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  StorageOptions storage;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
      description = "The address to listen on (default ${DEFAULT-VALUE}, this machine only;"
          + " 0.0.0.0 for every interface).")
  String host;

  @Option(names = "--port", defaultValue = "8080",
      description = "The port (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--refresh", defaultValue = "5", paramLabel = "SECONDS",
      description = "How often a study page reloads itself (default ${DEFAULT-VALUE}; 0 never).")
  int refresh;

  /** Released to stop serving; tests and embedders call {@link #stop()}. */
  private final CountDownLatch stopped = new CountDownLatch(1);

  void stop() {
    stopped.countDown();
  }

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new CliException(ExitCode.USAGE, "--port " + port + " is not a port (0 to 65535)");
    }
    CliException.nonNegative("--refresh", refresh);
    PrintWriter out = spec.commandLine().getOut();
    // Ctrl-C (or SIGTERM) ends the JVM without returning from the wait below: a shutdown hook
    // releases the wait and lets this thread close the server and the storage (a PostgreSQL
    // pool's connections, SQLite's file) before the JVM halts
    CountDownLatch closed = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop();
      try {
        closed.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "jtune-dashboard-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      try (Storage s = StorageUrls.open(storage.url, false);
          DashboardServer server = start(s)) {
        out.println("Dashboard of " + StorageUrls.shown(storage.url) + " at " + server.uri()
            + " (Ctrl-C stops it)");
        out.flush();
        stopped.await();
      }
      out.println("Dashboard stopped; " + StorageUrls.shown(storage.url) + " closed");
      out.flush();
    } finally {
      closed.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it returns now that the storage is closed
      }
    }
    return ExitCode.OK.code();
  }

  private DashboardServer start(Storage s) {
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new CliException(ExitCode.USAGE, "--host " + host + " is not a known address (use an"
          + " address of this machine, such as 127.0.0.1 or 0.0.0.0)");
    }
    try {
      return DashboardServer.start(s, address, refresh);
    } catch (BindException e) {
      throw new CliException(ExitCode.USAGE, "cannot listen on " + host + ":" + port + ": "
          + e.getMessage() + "; --host must be an address of this machine and --port free"
          + " (--port 0 picks a free one)");
    } catch (IOException e) {
      throw new CliException(ExitCode.FAILURE, "cannot start the dashboard on " + host + ":"
          + port + ": " + e, e);
    }
  }
}
