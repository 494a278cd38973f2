package io.payguard.bench.ceiling;

import io.payguard.bench.RunSettings;
import io.payguard.bench.cli.Args;
import io.payguard.bench.db.PgTarget;
import io.payguard.bench.load.LatencySummary;
import io.payguard.bench.result.MachineFacts;
import io.payguard.bench.result.ResultFile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * {@code ceiling}: what this PostgreSQL does with nothing in between: single-row, auto-committed,
 * durable inserts by N JDBC connections, each a thread of its own (blocking is the point here). The
 * payments figures are reported as a fraction of this.
 */
public final class InsertCeiling {

  private final PgTarget pg;
  private final List<Integer> clientCounts;
  private final Duration seconds;
  private final Duration warmup;
  private final RunSettings settings;

  public InsertCeiling(Args args) {
    this.pg = PgTarget.from(args);
    this.clientCounts = args.integers("clients", List.of(1, 16));
    this.seconds = args.duration("seconds", Duration.ofSeconds(10));
    this.warmup = args.duration("warmup", Duration.ofSeconds(2));
    this.settings = RunSettings.from(args);
  }

  public JsonObject run() throws SQLException, InterruptedException {
    Instant started = Instant.now();
    JsonObject machine = MachineFacts.collect();
    JsonArray rows = new JsonArray();
    JsonObject server;
    try (Connection admin = pg.connect()) {
      server = serverSettings(admin);
      try (Statement s = admin.createStatement()) {
        s.execute(CeilingSql.DROP_SCHEMA); // a run killed half-way leaves its schema behind
        s.execute(CeilingSql.CREATE_SCHEMA);
        s.execute(CeilingSql.CREATE_TABLE);
      }
      try {
        for (int clients : clientCounts) {
          measure(clients, warmup); // connections and the server's caches warm, not counted
          rows.add(measure(clients, seconds).put("clients", clients));
        }
      } finally {
        try (Statement s = admin.createStatement()) {
          s.execute(CeilingSql.DROP_SCHEMA);
        }
      }
    }
    JsonObject parameters = new JsonObject().put("pg_url", pg.url()).put("user", pg.user())
      .put("clients", new JsonArray(clientCounts)).put("seconds", seconds.toMillis() / 1000.0)
      .put("warmup_s", warmup.toMillis() / 1000.0);
    List<String> notes = new ArrayList<>();
    notes.add("single-row INSERT (uuid, numeric(20,6), timestamptz), autocommit, synchronous_commit=on, one JDBC connection per thread");
    if (!"on".equals(server.getString("fsync"))) {
      notes.add("WARNING: fsync is " + server.getString("fsync") + " on this server: the ceiling is not a durable one");
    }
    return ResultFile.document("ceiling", settings.label(), settings.batch(), started, machine, parameters,
      new JsonObject().put("ceiling", rows).put("server_settings", server), notes);
  }

  private JsonObject serverSettings(Connection admin) throws SQLException {
    JsonObject out = new JsonObject();
    try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery(CeilingSql.SETTINGS)) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
    }
    return out;
  }

  private JsonObject measure(int clients, Duration length) throws InterruptedException, SQLException {
    CountDownLatch connected = new CountDownLatch(clients);
    CountDownLatch finished = new CountDownLatch(clients);
    long[] counts = new long[clients];
    Histogram[] micros = new Histogram[clients];
    AtomicReference<SQLException> failure = new AtomicReference<>();
    long[] window = new long[2];
    CountDownLatch go = new CountDownLatch(1);
    for (int i = 0; i < clients; i++) {
      int client = i;
      micros[i] = LatencySummary.newMicrosHistogram();
      Thread t = new Thread(() -> {
        try (Connection c = pg.connect()) {
          try (Statement s = c.createStatement()) {
            s.execute(CeilingSql.DURABLE);
          }
          c.setAutoCommit(true);
          SplittableRandom random = new SplittableRandom(client);
          try (PreparedStatement insert = c.prepareStatement(CeilingSql.INSERT)) {
            connected.countDown();
            go.await();
            while (System.nanoTime() < window[1]) {
              long begin = System.nanoTime();
              insert.setObject(1, UUID.randomUUID());
              insert.setBigDecimal(2, BigDecimal.valueOf(random.nextLong(100, 90_001), 2));
              insert.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
              insert.executeUpdate();
              micros[client].recordValue((System.nanoTime() - begin) / 1000);
              counts[client]++;
            }
          }
        } catch (SQLException e) {
          failure.compareAndSet(null, e);
          connected.countDown();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          finished.countDown();
        }
      }, "ceiling-" + i);
      t.start();
    }
    connected.await();
    if (failure.get() != null) {
      window[1] = 0;
      go.countDown();
      finished.await();
      throw failure.get();
    }
    window[0] = System.nanoTime();
    window[1] = window[0] + length.toNanos();
    go.countDown(); // the latch publishes window[] to the client threads
    finished.await();
    if (failure.get() != null) {
      throw failure.get();
    }
    long total = 0;
    Histogram all = LatencySummary.newMicrosHistogram();
    for (int i = 0; i < clients; i++) {
      total += counts[i];
      all.add(micros[i]);
    }
    double elapsed = (System.nanoTime() - window[0]) / 1e9;
    return new JsonObject().put("inserts", total).put("inserts_per_s", Math.round(total / elapsed * 10) / 10.0)
      .put("latency_ms", LatencySummary.ofMicros(all).toJson());
  }
}
