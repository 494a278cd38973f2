package io.payguard.risk.scoring;

import io.payguard.events.PaymentRequested;
import io.payguard.risk.expressions.Variables;
import io.payguard.risk.rules.History;
import io.payguard.risk.rules.RuleSet;
import io.payguard.risk.rules.RulesDocument;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a payment's {@link History} from risk_schema.auth_request in ONE query. The history of a payment
 * is the stored assessments that are (1) within its {@link Horizon}: committed before the snapshot its
 * scoring read, or stored by the same transaction in an earlier wave, and (2) of payments made BEFORE it
 * (by the payment's own created_at). The live scorer and a replay run this same statement with the same
 * horizon, so a replay scores exactly as the first time did, whatever was stored since and whichever
 * instance stored it. Every part reads at most as many rows as its rule needs to decide (index scans with
 * a LIMIT), so a busy user or a popular payee costs the same as a quiet one. The query depends on the
 * rules, so it is built once per rules version.
 */
public final class HistoryReader {

  /**
   * The history rows within the horizon ($9 snapshot, $10 txid, $11 wave). Rows without a txid were stored
   * before horizons were kept, and an assessment without a snapshot was scored seeing everything stored.
   * The snapshot is parsed once per statement (a sub-select, planned as an InitPlan): cast per row, it
   * took a 20,000-payment backlog from 10 s to 60 s.
   */
  static final String WITHIN_HORIZON = "(txid IS NULL OR $9::text IS NULL OR (txid = $10::text::xid8 AND wave < $11)"
    + " OR pg_visible_in_snapshot(txid, (SELECT $9::text::pg_snapshot)))";

  private static final String FACTS = """
    SELECT EXISTS (SELECT 1 FROM risk_schema.auth_request
                    WHERE user_id = $1 AND payment_created_at < $2 AND auth_request_id <> $3 AND %1$s) AS has_history,
           EXISTS (SELECT 1 FROM risk_schema.auth_request
                    WHERE user_id = $1 AND payment_method_id = $5 AND payment_created_at < $2
                      AND auth_request_id <> $3 AND %1$s) AS method_used,
           EXISTS (SELECT 1 FROM risk_schema.auth_request
                    WHERE user_id = $1 AND payee_id = $6 AND payment_created_at < $2
                      AND auth_request_id <> $3 AND %1$s) AS payee_paid,
           EXISTS (SELECT 1 FROM risk_schema.auth_request
                    WHERE user_id = $1 AND currency = $4 AND payment_created_at < $2
                      AND auth_request_id <> $3 AND %1$s) AS currency_used,
           (SELECT count(DISTINCT user_id) FILTER (WHERE user_id <> $1)
              FROM (SELECT user_id FROM risk_schema.auth_request
                     WHERE payee_id = $6 AND payment_created_at > $7 AND payment_created_at < $2
                       AND auth_request_id <> $3 AND %1$s
                     ORDER BY payment_created_at DESC LIMIT $8) recent) AS other_payers""";

  private final Map<String, String> replays = new ConcurrentHashMap<>();
  private final Map<String, String> lives = new ConcurrentHashMap<>();

  /**
   * {@code p}'s history as seen from {@code horizon}, any horizon (a replay passes the stored one): read
   * from the stored payments alone.
   */
  public Future<History> load(SqlClient client, PaymentRequested p, RuleSet rules, Horizon horizon) {
    return client.preparedQuery(replays.computeIfAbsent(rules.version(), v -> sql(rules, false)))
      .execute(params(p, rules, horizon)).map(rows -> read(rows.iterator().next(), rules));
  }

  /**
   * {@code p}'s history in {@code tx}, the transaction that scores it ({@link Horizon#begin}). What that
   * transaction sees IS its horizon: the rows committed before its snapshot and those it stored in
   * earlier waves (the current wave's are not stored yet), so no row needs the horizon test. And the
   * per-second totals (risk_schema.user_second, stored by the same statements as the payments) hold
   * exactly those payments: a velocity window the seconds wholly inside it already fill is decided from
   * them without reading payments. The same history as {@link #load} at that horizon, field for field,
   * except the sum of a window whose count is only a lower bound, which no rule reads
   * ({@code HistoryEquivalenceIT} compares the two on a generated history; {@code ReplayIT} the stored
   * scores with their replays after concurrent load).
   */
  public Future<History> loadLive(SqlConnection tx, PaymentRequested p, RuleSet rules) {
    return tx.preparedQuery(lives.computeIfAbsent(rules.version(), v -> sql(rules, true)))
      .execute(params(p, rules, null)).map(rows -> read(rows.iterator().next(), rules));
  }

  /**
   * $1 user, $2 this payment's created_at, $3 its id, $4 its currency, $5 method, $6 payee, $7 start of
   * the payee window, $8 how many of the payee's latest payments in it are read, $9 to $11 the horizon
   * (not when {@code live}); then per velocity window its start and max_count; then (structuring) start,
   * band low, band high, min_count. {@code live}: no horizon test, and a window first asks the per-second
   * totals (see {@link #loadLive}).
   */
  static String sql(RuleSet rules, boolean live) {
    String within = live ? "true" : WITHIN_HORIZON;
    StringBuilder sql = new StringBuilder(FACTS.replace("%1$s", within));
    int param = live ? 9 : 12;
    List<RulesDocument.Window> windows = rules.velocityWindows();
    for (int i = 0; i < windows.size(); i++, param += 2) {
      String payments = "(SELECT row(count(*), coalesce(sum(amount) FILTER (WHERE currency = $4), 0))::text"
        + " FROM (SELECT amount, currency FROM risk_schema.auth_request"
        + " WHERE user_id = $1 AND payment_created_at > $" + param
        + " AND payment_created_at < $2 AND auth_request_id <> $3 AND " + within
        + " ORDER BY payment_created_at DESC LIMIT $" + (param + 1) + ") w)";
      sql.append(",\n  ").append(live ? filledBySeconds(param, payments) : payments).append(" AS window_").append(i);
    }
    if (rules.structuring() != null) {
      sql.append(",\n  (SELECT count(*) FROM (SELECT 1 FROM risk_schema.auth_request")
        .append(" WHERE user_id = $1 AND currency = $4 AND payment_created_at > $").append(param)
        .append(" AND payment_created_at < $2 AND auth_request_id <> $3 AND ").append(within)
        .append(" AND amount >= $").append(param + 1).append(" AND amount <= $").append(param + 2)
        .append(" LIMIT $").append(param + 3).append(") s) AS just_below");
      param += 4;
    }
    if (rules.readsPayerTotals()) {
      // Custom rules read counts and sums, so the payments themselves, never the per-second counts.
      for (int minutes : Variables.WINDOWS.keySet()) {
        sql.append(",\n  (SELECT row(count(*), coalesce(sum(amount) FILTER (WHERE currency = $4), 0))::text")
          .append(" FROM (SELECT amount, currency FROM risk_schema.auth_request WHERE user_id = $1")
          .append(" AND payment_created_at > $").append(param).append(" AND payment_created_at < $2")
          .append(" AND auth_request_id <> $3 AND ").append(within)
          .append(" ORDER BY payment_created_at DESC LIMIT ").append(History.Recent.CAP).append(") w) AS payer_")
          .append(minutes);
        param++;
      }
    }
    if (rules.readsPayeePayers()) {
      sql.append(",\n  (SELECT count(DISTINCT user_id) FILTER (WHERE user_id <> $1) FROM (SELECT user_id")
        .append(" FROM risk_schema.auth_request WHERE payee_id = $6 AND payment_created_at > $").append(param)
        .append(" AND payment_created_at < $2 AND auth_request_id <> $3 AND ").append(within)
        .append(" ORDER BY payment_created_at DESC LIMIT ").append(History.Recent.CAP).append(") p) AS payee_payers_1h");
    }
    return sql.toString();
  }

  /**
   * A window is full (at least max_count earlier payments) when its latest max_count seconds wholly
   * inside it (after its start, ending by this payment's created_at, so neither this payment nor a later
   * one is in them) add up to max_count; then its count is max_count, a lower bound, as when the payments
   * are read. Otherwise the payments are read: PostgreSQL evaluates a CASE branch's sub-select only when
   * the branch is taken.
   */
  private static String filledBySeconds(int param, String payments) {
    String max = "$" + (param + 1);
    return "(CASE WHEN (SELECT coalesce(sum(payments), 0) FROM (SELECT payments FROM risk_schema.user_second"
      + " WHERE user_id = $1 AND second_at > $" + param + " AND second_at <= $2 - interval '1 second'"
      + " ORDER BY second_at DESC LIMIT " + max + ") m) >= " + max
      + " THEN row(" + max + ", 0)::text ELSE " + payments + " END)";
  }

  /** {@code horizon} null: a live read, which has no horizon parameters. */
  private static Tuple params(PaymentRequested p, RuleSet rules, Horizon horizon) {
    OffsetDateTime at = p.createdAt();
    Tuple t = Tuple.of(p.userId(), at, p.paymentRequestId(), p.currency(), p.paymentMethodId(), p.payeeId(),
      at.minus(rules.payeeLookBack()), (long) rules.payeeRecentPayments());
    if (horizon != null) {
      t.addString(horizon.snapshot()).addString(horizon.txid()).addInteger(horizon.wave());
    }
    for (RulesDocument.Window window : rules.velocityWindows()) {
      t.addValue(at.minusMinutes(window.minutes()));
      t.addValue((long) window.maxCount());
    }
    if (rules.structuring() != null) {
      BigDecimal[] band = rules.structuringBand(p.currency());
      t.addValue(at.minusMinutes(rules.structuring().minutes()));
      t.addValue(Numeric.create(band[0]));
      t.addValue(Numeric.create(band[1]));
      t.addValue((long) rules.structuring().minCount());
    }
    if (rules.readsPayerTotals()) {
      Variables.WINDOWS.keySet().forEach(minutes -> t.addValue(at.minusMinutes(minutes)));
    }
    if (rules.readsPayeePayers()) {
      t.addValue(at.minusHours(1));
    }
    return t;
  }

  private static History read(Row row, RuleSet rules) {
    Map<Integer, History.WindowTotals> windows = new HashMap<>();
    List<RulesDocument.Window> velocity = rules.velocityWindows();
    for (int i = 0; i < velocity.size(); i++) {
      // "(count,sum)": a row value, so each window is one sub-select.
      String[] pair = row.getString("window_" + i).replaceAll("[()]", "").split(",");
      long count = Long.parseLong(pair[0]);
      windows.merge(velocity.get(i).minutes(), new History.WindowTotals(count, new BigDecimal(pair[1]),
        count >= velocity.get(i).maxCount()), (a, b) -> a.count() >= b.count() ? a : b);
    }
    long justBelow = rules.structuring() == null ? 0 : row.getLong("just_below");
    return new History(Map.copyOf(windows), justBelow, row.getBoolean("has_history"), row.getBoolean("method_used"),
      row.getBoolean("payee_paid"), row.getBoolean("currency_used"), row.getLong("other_payers"), recent(row, rules));
  }

  private static History.Recent recent(Row row, RuleSet rules) {
    Map<Integer, History.WindowTotals> payer = new HashMap<>();
    if (rules.readsPayerTotals()) {
      for (int minutes : Variables.WINDOWS.keySet()) {
        String[] pair = row.getString("payer_" + minutes).replaceAll("[()]", "").split(",");
        long count = Long.parseLong(pair[0]);
        payer.put(minutes, new History.WindowTotals(count, new BigDecimal(pair[1]), count >= History.Recent.CAP));
      }
    }
    long payeePayers = rules.readsPayeePayers() ? row.getLong("payee_payers_1h") : 0;
    return new History.Recent(Map.copyOf(payer), payeePayers);
  }
}
