package io.payguard.config;

import io.vertx.core.json.JsonObject;

/**
 * Connection to the service's own database role and schema, where its migrations live, and how long
 * start-up waits for the database to answer (a database that starts with the service needs a moment).
 */
public record DbConfig(String host, int port, String database, String user, String password,
                       String schema, int poolSize, String migrations, int connectRetrySeconds) {

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
      json.getInteger("connectRetrySeconds", 30));
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "DbConfig[" + user + "@" + host + ":" + port + "/" + database + ", schema=" + schema
      + ", poolSize=" + poolSize + "]";
  }
}
