package io.payguard.config;

import io.vertx.core.json.JsonObject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Connection to the service's own database role and schema, where its migrations live, and how long
 * start-up waits for the database to answer (a database that starts with the service needs a moment).
 * {@code sslMode} is {@code disable} or {@code verify-full}: TLS with the server's certificate checked
 * against the CA in {@code sslRootCert} (a PEM file) and its name against {@code host}. Nothing between
 * the two: an encrypted connection to an unverified server protects nothing worth having.
 */
public record DbConfig(String host, int port, String database, String user, String password,
                       String schema, int poolSize, String migrations, int connectRetrySeconds,
                       String sslMode, String sslRootCert) {

  public static final String VERIFY_FULL = "verify-full";

  /** {@code json}: the {@code db} object, checked against the schema (which requires what has no default). */
  public static DbConfig from(JsonObject json) {
    return new DbConfig(
      json.getString("host", "127.0.0.1"),
      json.getInteger("port", 5432),
      json.getString("database", "payguard"),
      json.getString("user"),
      json.getString("password"),
      json.getString("schema"),
      json.getInteger("poolSize", 8),
      json.getString("migrations"),
      json.getInteger("connectRetrySeconds", 30),
      json.getString("sslMode", "disable"),
      json.getString("sslRootCert", ""));
  }

  public boolean tls() {
    return VERIFY_FULL.equals(sslMode);
  }

  /** For Flyway, the one JDBC user: the same TLS rules as the reactive pool. */
  public String jdbcUrl() {
    String url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
    return tls()
      ? url + "?sslmode=verify-full&sslrootcert=" + URLEncoder.encode(sslRootCert, StandardCharsets.UTF_8)
      : url + "?sslmode=disable";
  }

  @Override
  public String toString() {
    return "DbConfig[" + user + "@" + host + ":" + port + "/" + database + ", schema=" + schema
      + ", poolSize=" + poolSize + ", sslMode=" + sslMode + "]";
  }
}
