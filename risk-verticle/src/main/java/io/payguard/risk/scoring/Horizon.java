package io.payguard.risk.scoring;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;

/**
 * How far an assessment could see into the stored history: every row committed before the snapshot of
 * the transaction that scored it ({@code snapshot}), and the rows that same transaction ({@code txid})
 * had stored in earlier waves of its batch ({@code wave}). Stored with the assessment, so a replay reads
 * exactly the history the assessment was made on, whatever was stored later, by whichever instance.
 * A horizon of nulls (rows scored before horizons were kept) sees everything stored.
 */
public record Horizon(String snapshot, String txid, int wave) {

  /** For assessments stored without a horizon: replayed against everything stored, as they were scored. */
  public static final Horizon EVERYTHING = new Horizon(null, null, 0);

  /** The same transaction and snapshot, for the payments of {@code wave}. */
  public Horizon inWave(int wave) {
    return new Horizon(snapshot, txid, wave);
  }

  /**
   * Makes {@code tx} read one snapshot throughout (REPEATABLE READ) and returns its horizon. Must be the
   * first thing {@code tx} does: the isolation level can be set only before its first query, and the
   * snapshot is taken by that query, before the transaction gets its id, so its own rows are not in it.
   */
  static Future<Horizon> begin(SqlConnection tx) {
    return tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").execute()
      .compose(set -> tx.query("SELECT pg_current_snapshot()::text AS snapshot, pg_current_xact_id()::text AS txid")
        .execute())
      .map(rows -> {
        Row row = rows.iterator().next();
        return new Horizon(row.getString("snapshot"), row.getString("txid"), 0);
      });
  }
}
