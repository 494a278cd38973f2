package io.payguard.risk.rules;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.payguard.risk.lists.ListCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rules in force, read from the rules file and re-read whenever it changes (vertx-config's scan),
 * without a restart. A file that does not parse or validate is refused with a log line and a count;
 * the rules in force stay.
 */
public final class ActiveRules {

  private static final Logger LOG = LoggerFactory.getLogger(ActiveRules.class);

  /** The state shown by {@code GET /rules}. */
  public record Status(RuleSet rules, OffsetDateTime loadedAt, long rejectedReloads, String lastRejection) {
  }

  private final ListCache lists;
  private final AtomicReference<Status> status = new AtomicReference<>();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong applied = new AtomicLong();
  private ConfigRetriever retriever;
  private Future<Void> applying = Future.succeededFuture();

  /** Custom rules may name the lists {@code lists} holds when a document is loaded. */
  public ActiveRules(ListCache lists) {
    this.lists = lists;
  }

  /**
   * Loads {@code file} and watches it. Each document is compiled against the lists as they are when it is
   * read ({@code db}: where the list cache is refreshed first), so a rule may name a list created a moment
   * before, through any instance; changes are applied one after another, in the order they were seen.
   */
  public Future<Void> start(Vertx vertx, String file, long scanPeriodMs, SqlClient db) {
    retriever = ConfigRetriever.create(vertx, new ConfigRetrieverOptions().setScanPeriod(scanPeriodMs)
      .setIncludeDefaultStores(false)
      // Raw text, so a file that is not even JSON reaches us and is refused like any invalid document.
      .addStore(new ConfigStoreOptions().setType("file").setFormat("raw").setConfig(new JsonObject()
        .put("path", file).put("raw.key", "rules").put("raw.type", "string"))));
    retriever.listen(change -> applying = applying.eventually(() -> lists.refresh(db)
      .transform(refreshed -> {
        apply(change.getNewConfiguration(), file);
        return Future.<Void>succeededFuture();
      })));
    return lists.refresh(db).compose(listed -> retriever.getConfig()).compose(json -> {
      try {
        RuleSet rules = RuleSet.parse(text(json), lists.current().names());
        status.set(new Status(rules, OffsetDateTime.now(), 0, null));
        LOG.info("risk rules {} loaded from {}", rules.version(), file);
        return Future.succeededFuture();
      } catch (RuleSet.InvalidRules e) {
        return Future.failedFuture(new IllegalArgumentException("invalid rules in " + file + ": " + e.getMessage()));
      }
    });
  }

  /**
   * {@code payguard_rules_reloads_total{outcome=applied|rejected}}: a refused rules file is an alert, not
   * only a log line.
   */
  public void bindMetrics(MeterRegistry registry) {
    FunctionCounter.builder("payguard.rules.reloads", applied, AtomicLong::get).tag("outcome", "applied")
      .description("Rules files that changed the rules in force").register(registry);
    FunctionCounter.builder("payguard.rules.reloads", rejected, AtomicLong::get).tag("outcome", "rejected")
      .description("Rules files refused as invalid (the previous rules stayed in force)").register(registry);
  }

  public RuleSet current() {
    return status.get().rules();
  }

  /** The version of the rules in force if they name list {@code name}. */
  public java.util.Optional<String> usingList(String name) {
    RuleSet rules = current();
    return rules.listsUsed().contains(name) ? java.util.Optional.of(rules.version()) : java.util.Optional.empty();
  }

  public Status status() {
    return status.get();
  }

  public Future<Void> stop() {
    return retriever == null ? Future.succeededFuture() : retriever.close();
  }

  private static byte[] text(JsonObject raw) {
    String content = raw.getString("rules");
    return content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
  }

  private void apply(JsonObject json, String file) {
    try {
      RuleSet rules = RuleSet.parse(text(json), lists.current().names());
      Status previous = status.get();
      if (previous != null && previous.rules().version().equals(rules.version())) {
        return;
      }
      status.set(new Status(rules, OffsetDateTime.now(), rejected.get(), previous == null ? null
        : previous.lastRejection()));
      applied.incrementAndGet();
      LOG.info("risk rules reloaded from {}: {} -> {}", file, previous == null ? "-" : previous.rules().version(),
        rules.version());
    } catch (RuleSet.InvalidRules e) {
      long count = rejected.incrementAndGet();
      Status previous = status.get();
      status.set(new Status(previous.rules(), previous.loadedAt(), count, e.getMessage()));
      LOG.error("risk rules in {} refused, keeping {}: {}", file, previous.rules().version(), e.getMessage());
    }
  }
}
