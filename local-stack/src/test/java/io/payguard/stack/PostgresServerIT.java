package io.payguard.stack;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A real PostgreSQL: durable, bootstrapped idempotently, its data kept across restarts. */
class PostgresServerIT {

  private static PostgresServer postgres;

  @BeforeAll
  static void start() {
    postgres = PostgresServer.temporary().start();
  }

  @AfterAll
  static void stop() {
    postgres.close();
  }

  @Test
  void keepsPostgresDurabilityDefaults() throws Exception {
    try (Connection c = postgres.adminConnection("postgres")) {
      assertThat(show(c, "fsync")).isEqualTo("on");
      assertThat(show(c, "synchronous_commit")).isEqualTo("on");
      assertThat(show(c, "listen_addresses")).isEqualTo("127.0.0.1");
    }
  }

  @Test
  void bootstrapIsIdempotentAndARerunSetsThePasswordsAgain() throws Exception {
    DatabaseBootstrap.apply(postgres, "first", "risk-first");
    DatabaseBootstrap.apply(postgres, "second", "risk-second");

    assertThatThrownBy(() -> login("payment_svc", "first").close()).isInstanceOf(SQLException.class);
    try (Connection c = login("payment_svc", "second"); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS payment_schema.kept (x int)");
    }
    try (Connection c = login("risk_svc", "risk-second"); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("CREATE TABLE payment_schema.nope (x int)"))
        .hasMessageContaining("permission denied");
    }
  }

  @Test
  void dataSurvivesARestartOnTheSameDirectory() throws Exception {
    DatabaseBootstrap.apply(postgres, "pw", "pw2");
    try (Connection c = postgres.adminConnection("payguard"); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS restart_probe (x int)");
      s.execute("INSERT INTO restart_probe VALUES (7)");
    }

    postgres.stop();
    assertThat(postgres.isRunning()).isFalse();
    postgres.start();

    try (Connection c = postgres.adminConnection("payguard"); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM restart_probe WHERE x = 7")) {
      rs.next();
      assertThat(rs.getLong(1)).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void aServerLeftRunningOnTheDirectoryIsStoppedByTheNextOwner(@TempDir Path dir) throws Exception {
    int port = Ports.free();
    PostgresServer leftBehind = new PostgresServer(dir.resolve("postgres"), port).start();
    PostgresServer next = new PostgresServer(dir.resolve("postgres"), port);

    assertThat(next.stopLeftover()).isPresent();
    assertThatThrownBy(() -> leftBehind.adminConnection("postgres").close()).isInstanceOf(SQLException.class);
    leftBehind.stop(); // only releases zonky's in-JVM lock: the process whose server was left behind is "dead"

    next.start();
    try (Connection c = next.adminConnection("postgres")) {
      assertThat(show(c, "fsync")).isEqualTo("on");
    }
    next.stop();
  }

  private static Connection login(String user, String password) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/payguard", user, password);
  }

  private static String show(Connection c, String setting) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
