package io.payguard.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates the payguard database, the two service roles and their schemas, with the very script the
 * Docker stack runs ({@code migrations/bootstrap/roles.sql}, packaged as {@code db/bootstrap/roles.sql}).
 * Idempotent: a re-run converges on the same grants and sets the passwords again.
 */
public final class DatabaseBootstrap {

  public static final String DATABASE = "payguard";
  public static final String PAYMENT_ROLE = "payment_svc";
  public static final String RISK_ROLE = "risk_svc";

  private static final String SCRIPT = "/db/bootstrap/roles.sql";
  private static final Pattern PSQL_VARIABLE = Pattern.compile(":'([a-z_]+)'");

  private DatabaseBootstrap() {
  }

  /** As the superuser: the database if missing (outside any transaction), then roles.sql inside it. */
  public static void apply(PostgresServer postgres, String paymentPassword, String riskPassword) {
    try {
      try (Connection maintenance = postgres.adminConnection("postgres")) {
        createDatabaseIfMissing(maintenance);
      }
      try (Connection admin = postgres.adminConnection(DATABASE); Statement s = admin.createStatement()) {
        s.execute(script(paymentPassword, riskPassword));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("database bootstrap failed: " + e.getMessage(), e);
    }
  }

  static void createDatabaseIfMissing(Connection maintenance) throws SQLException {
    try (PreparedStatement exists = maintenance.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      if (exists.executeQuery().next()) {
        return;
      }
    }
    try (Statement s = maintenance.createStatement()) {
      s.execute("CREATE DATABASE " + DATABASE);
    }
  }

  /**
   * roles.sql with its psql variables replaced by SQL string literals, ready for one JDBC statement
   * (run it as a superuser connected to the payguard database).
   */
  public static String script(String paymentPassword, String riskPassword) {
    Map<String, String> values = Map.of("payment_password", paymentPassword, "risk_password", riskPassword);
    // One pass, so a value that happens to contain ":'risk_password'" is not substituted again.
    Matcher variable = PSQL_VARIABLE.matcher(rolesScript());
    StringBuilder out = new StringBuilder();
    while (variable.find()) {
      String value = values.get(variable.group(1));
      if (value == null) {
        throw new IllegalStateException("roles.sql uses an unknown variable " + variable.group());
      }
      variable.appendReplacement(out, Matcher.quoteReplacement(literal(value)));
    }
    variable.appendTail(out);
    return out.toString();
  }

  static String rolesScript() {
    try (InputStream in = DatabaseBootstrap.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A standard-conforming string literal (the server default since PostgreSQL 9.1). */
  private static String literal(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a password cannot contain NUL");
    }
    return "'" + value.replace("'", "''") + "'";
  }
}
