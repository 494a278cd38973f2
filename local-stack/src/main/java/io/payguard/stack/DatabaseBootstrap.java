package io.payguard.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the payguard database, the two service roles and their schemas, with the very script the
 * Docker stack runs ({@code migrations/bootstrap/roles.sql}). Idempotent.
 */
public final class DatabaseBootstrap {

  public static final String DATABASE = "payguard";
  public static final String PAYMENT_ROLE = "payment_svc";
  public static final String RISK_ROLE = "risk_svc";

  private DatabaseBootstrap() {
  }

  public static void apply(PostgresServer postgres, String paymentPassword, String riskPassword) {
    try {
      try (Connection admin = postgres.adminConnection("postgres"); Statement s = admin.createStatement()) {
        var exists = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
        if (!exists.next()) {
          s.execute("CREATE DATABASE " + DATABASE);
        }
      }
      String script = script(paymentPassword, riskPassword);
      try (Connection admin = postgres.adminConnection(DATABASE); Statement s = admin.createStatement()) {
        s.execute(script);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("database bootstrap failed: " + e.getMessage(), e);
    }
  }

  /** roles.sql with its two psql variables filled in, ready for a JDBC statement. */
  public static String script(String paymentPassword, String riskPassword) {
    return rolesScript()
      .replace(":'payment_password'", literal(paymentPassword))
      .replace(":'risk_password'", literal(riskPassword));
  }

  static String rolesScript() {
    try (InputStream in = DatabaseBootstrap.class.getResourceAsStream("/db/bootstrap/roles.sql")) {
      if (in == null) {
        throw new IllegalStateException("db/bootstrap/roles.sql is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
