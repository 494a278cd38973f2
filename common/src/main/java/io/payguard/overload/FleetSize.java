package io.payguard.overload;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * How many instances of this service are running, so that each enforces its share of a fleet-wide
 * limit. Each instance writes a heartbeat to {@code <schema>.service_instance} every 2 s and counts the
 * heartbeats of the last 6 s. The count lags a joining or leaving instance by up to 6 s; until the first
 * count, and whenever the database cannot say, the last known size (at first 1) holds.
 */
public final class FleetSize {

  private static final Logger LOG = LoggerFactory.getLogger(FleetSize.class);
  private static final long EVERY_MS = 2_000;

  private final UUID instance = UUID.randomUUID();
  private final String beat;
  private final String count;
  private final String leave;
  private volatile int size = 1;
  private long timer = -1;

  public FleetSize(String schema) {
    this.beat = "INSERT INTO " + schema + ".service_instance (instance_id, seen_at) VALUES ($1, now())"
      + " ON CONFLICT (instance_id) DO UPDATE SET seen_at = now()";
    this.count = "WITH gone AS (DELETE FROM " + schema + ".service_instance WHERE seen_at < now() - interval '1 hour')"
      + " SELECT count(*) FROM " + schema + ".service_instance WHERE seen_at > now() - interval '6 seconds'";
    this.leave = "DELETE FROM " + schema + ".service_instance WHERE instance_id = $1";
  }

  public int size() {
    return size;
  }

  /** {@code payguard_fleet_instances}: how many instances this one counts (and divides its limits by). */
  public Future<Void> start(Vertx vertx, Pool pool, MeterRegistry metrics) {
    Gauge.builder("payguard.fleet.instances", this, FleetSize::size)
      .description("Instances of this service counted by their heartbeats; rate limits are shared among them")
      .register(metrics);
    timer = vertx.setPeriodic(EVERY_MS, t -> refresh(pool));
    return refresh(pool);
  }

  public Future<Void> stop(Vertx vertx, Pool pool) {
    vertx.cancelTimer(timer);
    return pool.preparedQuery(leave).execute(Tuple.of(instance)).<Void>mapEmpty().otherwiseEmpty();
  }

  private Future<Void> refresh(Pool pool) {
    return pool.preparedQuery(beat).execute(Tuple.of(instance))
      .compose(done -> pool.query(count).execute())
      .onSuccess(rows -> {
        int counted = Math.max(1, rows.iterator().next().getLong(0).intValue());
        if (counted != size) {
          LOG.info("{} instance(s) of this service share its rate limits", counted);
        }
        size = counted;
      })
      .<Void>mapEmpty()
      .otherwiseEmpty();
  }
}
