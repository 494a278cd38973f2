package io.payguard.db;

import io.payguard.config.DbConfig;
import io.payguard.config.StartFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the service's own SQL migrations with Flyway at start. Flyway speaks JDBC, so it runs on a
 * worker thread, never on an event loop.
 */
public final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {
  }

  public static Future<Integer> apply(Vertx vertx, DbConfig db) {
    return vertx.executeBlocking(() -> {
      int applied = Flyway.configure()
        .dataSource(db.jdbcUrl(), db.user(), db.password())
        .schemas(db.schema())
        .createSchemas(false)
        .locations(db.migrations())
        .connectRetries(db.connectRetrySeconds())
        .connectRetriesInterval(1)
        .load()
        .migrate()
        .migrationsExecuted;
      LOG.info("migrations applied to {}: {} new", db.schema(), applied);
      return applied;
    }).recover(failure -> Future.failedFuture(new StartFailure("database " + db.user() + "@" + db.host() + ":"
      + db.port() + "/" + db.database() + " unreachable or refusing (after " + db.connectRetrySeconds()
      + " s of retries): " + StartFailure.rootMessage(failure))));
  }
}
