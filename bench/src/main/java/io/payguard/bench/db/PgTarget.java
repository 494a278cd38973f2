package io.payguard.bench.db;

import io.payguard.bench.cli.Args;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** The PostgreSQL a subcommand reads or writes directly: {@code --pg-url}, {@code --user}, {@code --password}. */
public record PgTarget(String url, String user, String password) {

  public static PgTarget from(Args args) {
    String pg = args.string("pg-url", "jdbc:postgresql://127.0.0.1:15432/payguard");
    return new PgTarget(pg.startsWith("jdbc:") ? pg : "jdbc:" + pg, args.string("user", "postgres"),
      args.string("password", System.getenv("PGPASSWORD")));
  }

  public Connection connect() throws SQLException {
    Properties credentials = new Properties();
    credentials.setProperty("user", user);
    if (password != null) {
      credentials.setProperty("password", password);
    }
    return DriverManager.getConnection(url, credentials);
  }
}
