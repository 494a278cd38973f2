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

/**
 * A real PostgreSQL server on this machine, from the binaries zonky publishes on Maven Central. The
 * data directory persists across restarts; durability settings stay at PostgreSQL's defaults (fsync and
 * synchronous_commit on). The superuser {@code postgres} is trusted on loopback only; every other role
 * authenticates with its password.
 */
public final class PostgresServer implements AutoCloseable {

  public static final String SUPERUSER = "postgres";

  private final Path dataDir;
  private final int port;
  private EmbeddedPostgres postgres;

  public PostgresServer(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port;
  }

  public synchronized PostgresServer start() {
    if (postgres != null) {
      return this;
    }
    try {
      Files.createDirectories(dataDir);
      boolean initialised = Files.exists(dataDir.resolve("PG_VERSION"));
      postgres = EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false)
        .setPort(port)
        .setRegisterShutdownHook(false)
        .setPGStartupWait(Duration.ofSeconds(60))
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("max_connections", "200")
        .setServerConfig("shared_buffers", "256MB")
        .setServerConfig("password_encryption", "scram-sha-256")
        .setDataDirectoryCustomizer(dir -> restrictAuthentication(dir.toPath()))
        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling("postgres.log").toFile()))
        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling("postgres.log").toFile()))
        .start();
      if (!initialised) {
        restrictAuthentication(dataDir);
        reloadConfig();
      }
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not start on port " + port + " (log: "
        + dataDir.resolveSibling("postgres.log") + ")", e);
    }
  }

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
    }
  }

  public synchronized boolean isRunning() {
    return postgres != null;
  }

  public int port() {
    return port;
  }

  public String adminJdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + SUPERUSER;
  }

  public Connection adminConnection(String database) throws SQLException {
    return DriverManager.getConnection(adminJdbcUrl(database));
  }

  @Override
  public void close() {
    stop();
  }

  /** Passwords for everyone but the local superuser, so each service's role really needs its secret. */
  private static void restrictAuthentication(Path dir) {
    Path hba = dir.resolve("pg_hba.conf");
    if (!Files.exists(hba)) {
      return;
    }
    try {
      Files.writeString(hba, """
        # Written by payguard's local stack.
        local   all   all                      trust
        host    all   postgres  127.0.0.1/32   trust
        host    all   all       127.0.0.1/32   scram-sha-256
        host    all   all       ::1/128        scram-sha-256
        """);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void reloadConfig() {
    try (Connection c = adminConnection("postgres"); var s = c.createStatement()) {
      s.execute("SELECT pg_reload_conf()");
    } catch (SQLException e) {
      throw new IllegalStateException("could not reload PostgreSQL configuration", e);
    }
  }
}
