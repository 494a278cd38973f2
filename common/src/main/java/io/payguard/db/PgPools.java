package io.payguard.db;

import io.payguard.config.DbConfig;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** The reactive connection pool of a service: one per process, shared by all its verticles. */
public final class PgPools {

  private PgPools() {
  }

  /** Longer than any statement of ours; a test checks the risk history read stays under it. */
  public static final int PREPARED_SQL_LIMIT = 16_384;

  public static Pool create(Vertx vertx, DbConfig db) {
    PgConnectOptions connect = connectOptions(db);
    // A database host that vanished (a stopped container: its address answers nothing) must not hold a
    // pool slot for the client's default 60 s per attempt: each new connection gets 3 s.
    NetClientOptions transport = new NetClientOptions().setConnectTimeout(3_000);
    PoolOptions pool = new PoolOptions()
      .setMaxSize(db.poolSize())
      .setShared(true)
      .setName("payguard-" + db.user())
      .setConnectionTimeout(5)
      .setMaxWaitQueueSize(10_000);
    return PgBuilder.pool().with(pool).with(transport).connectingTo(connect).using(vertx).build();
  }

  /** How a service's connections reach its database: the pool's, and those outside it (LISTEN). */
  public static PgConnectOptions connectOptions(DbConfig db) {
    PgConnectOptions connect = new PgConnectOptions()
      .setHost(db.host())
      .setPort(db.port())
      .setDatabase(db.database())
      .setUser(db.user())
      .setPassword(db.password())
      .setCachePreparedStatements(true)
      // The client caches only statements up to 2,048 characters by default; the risk history read is
      // longer, so it was parsed and planned afresh for every payment (~1 ms of planning each).
      .setPreparedStatementCacheSqlLimit(PREPARED_SQL_LIMIT)
      .setPipeliningLimit(256)
      .setReconnectAttempts(0);
    if (db.tls()) {
      // verify-full: the server's certificate must chain to the configured CA and name the host dialled.
      connect.setSslMode(SslMode.VERIFY_FULL).setSslOptions(new ClientSSLOptions()
        .setTrustOptions(new PemTrustOptions().addCertPath(db.sslRootCert()))
        .setHostnameVerificationAlgorithm("HTTPS"));
    }
    return connect;
  }
}
