package io.payguard.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server on this machine, from the binaries zonky publishes on Maven Central (as root,
 * zonky runs them under {@code unshare -U}, since PostgreSQL refuses to run as root). The data directory
 * persists across restarts and is reused as it is. Durable: fsync and synchronous_commit on, overriding
 * zonky's test-speed defaults. The superuser {@code postgres} is trusted on loopback (this is a local
 * development server); every other role authenticates with its password.
 */
public final class PostgresServer implements AutoCloseable {

  public static final String SUPERUSER = "postgres";

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final Path dataDir;
  private final int port;
  private final boolean temporary;
  private EmbeddedPostgres postgres;

  /** A server whose data lives in {@code dataDir} across restarts; initialised on first start. */
  public PostgresServer(Path dataDir, int port) {
    this(dataDir, port, false);
  }

  private PostgresServer(Path dataDir, int port, boolean temporary) {
    this.dataDir = dataDir.toAbsolutePath();
    this.port = port;
    this.temporary = temporary;
  }

  /** A throw-away server for tests: a new temporary directory, a free port; {@link #close()} deletes it. */
  public static PostgresServer temporary() {
    try {
      Path parent = Files.createTempDirectory("payguard-pg-");
      return new PostgresServer(parent.resolve("postgres"), Ports.free(), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public synchronized PostgresServer start() {
    if (postgres != null) {
      return this;
    }
    try {
      Files.createDirectories(dataDir);
      stopLeftover();
      postgres = EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false)
        .setPort(port)
        .setRegisterShutdownHook(false)
        .setPGStartupWait(Duration.ofSeconds(60))
        .setServerConfig("listen_addresses", "127.0.0.1")
        // zonky starts postgres with -F (fsync off) and synchronous_commit=off; later -c options win.
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("full_page_writes", "on")
        .setServerConfig("max_connections", "200")
        .setServerConfig("shared_buffers", "256MB")
        .setServerConfig("password_encryption", "scram-sha-256")
        .setDataDirectoryCustomizer(dir -> restrictAuthentication(dir.toPath()))
        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
        .start();
      return this;
    } catch (IOException | RuntimeException e) {
      IllegalStateException failure =
        new IllegalStateException("PostgreSQL did not start on 127.0.0.1:" + port + "; see " + logFile(), e);
      try {
        // A server that came up too late for zonky's wait would otherwise outlive us.
        stopLeftover();
      } catch (RuntimeException cleanup) {
        failure.addSuppressed(cleanup);
      }
      throw failure;
    }
  }

  /** A fast shutdown (clients are disconnected, a checkpoint is written); waits until the server is gone. */
  public synchronized void stop() {
    if (postgres == null) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      postgres = null;
      // zonky's pg_ctl stop gives up after 5 s while a long checkpoint may still be running.
      awaitGone(runningPostmaster(), STOP_TIMEOUT);
    }
  }

  public synchronized boolean isRunning() {
    return postgres != null;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The server's own log (startup, shutdown, errors): {@code postgres.log} next to the data directory. */
  public Path logFile() {
    return dataDir.resolveSibling("postgres.log");
  }

  /** JDBC URL of the superuser on the {@code postgres} maintenance database. */
  public String adminJdbcUrl() {
    return adminJdbcUrl(SUPERUSER);
  }

  /** JDBC URL of the superuser on {@code database}. */
  public String adminJdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + SUPERUSER;
  }

  public Connection adminConnection(String database) throws SQLException {
    return DriverManager.getConnection(adminJdbcUrl(database));
  }

  /** Stops the server; a temporary one is also deleted. */
  @Override
  public void close() {
    stop();
    if (temporary) {
      Deletion.recursively(dataDir.getParent());
    }
  }

  /**
   * A server that a killed process left running on this data directory keeps it locked (and its port
   * taken): stops it with a fast shutdown, so this instance can own the data again. {@link #start()}
   * does this itself; call it first to know whether there was one. Returns its pid, if there was one.
   */
  public synchronized OptionalLong stopLeftover() {
    if (postgres != null) {
      return OptionalLong.empty();
    }
    Optional<ProcessHandle> leftover = runningPostmaster();
    if (leftover.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      // SIGINT is PostgreSQL's fast shutdown; Java can only send SIGTERM (smart: waits for every client).
      new ProcessBuilder("sh", "-c", "kill -INT " + leftover.get().pid()).inheritIO().start()
        .waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      leftover.get().destroy();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping PostgreSQL " + leftover.get().pid(), e);
    }
    awaitGone(leftover, STOP_TIMEOUT);
    return OptionalLong.of(leftover.get().pid());
  }

  /** The postmaster named in this data directory's lock file, if that process is alive and is one. */
  private Optional<ProcessHandle> runningPostmaster() {
    return postmasterPid()
      .filter(ProcessHandle::isAlive)
      .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
  }

  private Optional<ProcessHandle> postmasterPid() {
    try {
      Path pidFile = dataDir.resolve("postmaster.pid");
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
      return first.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(first));
    } catch (IOException | NumberFormatException unreadable) {
      return Optional.empty();
    }
  }

  private static void awaitGone(Optional<ProcessHandle> process, Duration timeout) {
    process.ifPresent(p -> {
      try {
        p.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception stillRunning) {
        throw new IllegalStateException("PostgreSQL (pid " + p.pid() + ") still running after " + timeout);
      }
    });
  }

  /** Passwords for everyone but the local superuser, so each service's role really needs its secret. */
  private static void restrictAuthentication(Path dir) {
    try {
      Files.writeString(dir.resolve("pg_hba.conf"), """
        # Written by payguard's local stack at every start.
        local   all   all                      trust
        host    all   postgres  127.0.0.1/32   trust
        host    all   all       127.0.0.1/32   scram-sha-256
        host    all   all       ::1/128        scram-sha-256
        """);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
