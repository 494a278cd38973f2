package io.payguard.bench.drain;

import io.payguard.bench.RunSettings;
import io.payguard.bench.cli.Args;
import io.payguard.bench.db.PgTarget;
import io.payguard.bench.result.MachineFacts;
import io.payguard.bench.result.ResultFile;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code risk-drain}: the risk service alone, without the payment API in front: a backlog of payment
 * requests is put on {@code payment_request} at once (as the outbox relay does after an outage), and the
 * time until every one is assessed is the risk service's throughput: scoring, storing and publishing.
 * Blocking clients on the main thread; nothing here runs on an event loop.
 */
public final class RiskDrain {

  private final String kafka;
  private final PgTarget pg;
  private final int records;
  private final int users;
  private final int payees;
  private final Duration timeout;
  private final long seed;
  private final RunSettings settings;

  public RiskDrain(Args args) {
    this.kafka = args.string("kafka", "127.0.0.1:19092");
    this.pg = PgTarget.from(args);
    this.records = args.integer("records", 20_000);
    this.users = args.integer("users", 200);
    this.payees = args.integer("payees", 50);
    this.timeout = args.duration("settle-timeout", Duration.ofSeconds(300));
    this.seed = args.integer("seed", 42);
    this.settings = RunSettings.from(args);
  }

  public JsonObject run() throws Exception {
    Instant started = Instant.now();
    JsonObject machine = MachineFacts.collect();
    try (Connection db = pg.connect()) {
      long before = assessed(db);
      long start = System.nanoTime();
      produce();
      long produced = System.nanoTime();
      long target = before + records;
      long now = before;
      while (now < target && System.nanoTime() - start < timeout.toNanos()) {
        Thread.sleep(20);
        now = assessed(db);
      }
      long end = System.nanoTime();
      double seconds = (end - start) / 1e9;
      JsonObject results = new JsonObject()
        .put("records", records).put("assessed", now - before)
        .put("produce_s", round((produced - start) / 1e9)).put("drain_s", round(seconds))
        .put("assessed_per_s", round((now - before) / seconds))
        .put("us_per_record", round(seconds * 1e6 / Math.max(1, now - before)));
      JsonObject parameters = new JsonObject().put("kafka", kafka).put("pg_url", pg.url()).put("records", records)
        .put("users", users).put("payees", payees).put("seed", seed);
      return ResultFile.document("risk-drain", settings.label(), settings.batch(), started, machine, parameters,
        results, List.of("drain time counts from the first record produced to the last assessment stored;"
          + " producing is part of it (produce_s)"));
    }
  }

  public RunSettings settings() {
    return settings;
  }

  /** Payments of a few payers to a few payees, made a millisecond apart, keyed by payer like the relay's. */
  private void produce() throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    List<UUID> payers = ids(users);
    List<UUID> to = ids(payees);
    UUID method = UUID.randomUUID();
    OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka,
      "acks", "all", "linger.ms", 5, "batch.size", 262_144), new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < records; i++) {
        UUID payer = payers.get(random.nextInt(payers.size()));
        String value = new JsonObject().put("payment_request_id", UUID.randomUUID().toString())
          .put("user_id", payer.toString()).put("payee_id", to.get(random.nextInt(to.size())).toString())
          .put("payment_method_id", method.toString()).put("amount", (1 + random.nextInt(4_000)) + ".00")
          .put("currency", "EUR").put("created_at", at.plusNanos(i * 1_000_000L).toString()).encode();
        producer.send(new ProducerRecord<>("payment_request", payer.toString(), value));
      }
      producer.flush();
    }
  }

  private static List<UUID> ids(int count) {
    List<UUID> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(UUID.randomUUID());
    }
    return ids;
  }

  private static long assessed(Connection db) throws SQLException {
    try (Statement s = db.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM risk_schema.auth_request")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
