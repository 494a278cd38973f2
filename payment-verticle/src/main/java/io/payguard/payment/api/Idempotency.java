package io.payguard.payment.api;

import io.payguard.http.ProblemException;
import io.payguard.json.Json;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} for every POST. The key is claimed, the work done and its response stored in
 * ONE transaction, so a retry gets the first response without the work being done again; a concurrent
 * request with the same key waits on the key's row and then replays the committed response. A request
 * that fails (4xx, 5xx) stores nothing, so it can be retried with the same key. A key reused for a
 * different request (method, path or body) is refused with 422.
 */
public final class Idempotency {

  public static final String HEADER = "Idempotency-Key";
  public static final String REPLAYED = "Idempotent-Replayed";

  /** What a POST answers: its status and body. */
  public record Outcome(int status, Object body) {
  }

  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
  private static final String CLAIM = "INSERT INTO payment_schema.idempotency_key (idempotency_key, fingerprint)"
    + " VALUES ($1, $2) ON CONFLICT (idempotency_key) DO NOTHING";
  private static final String SAVE = "UPDATE payment_schema.idempotency_key SET status_code = $2, response_body = $3"
    + " WHERE idempotency_key = $1";
  private static final String FIND = "SELECT fingerprint, status_code, response_body"
    + " FROM payment_schema.idempotency_key WHERE idempotency_key = $1";
  private static final String PURGE = "DELETE FROM payment_schema.idempotency_key"
    + " WHERE created_at < now() - make_interval(secs => $1)";

  private final Pool pool;

  public Idempotency(Pool pool) {
    this.pool = pool;
  }

  /** Runs {@code work} (at most once per key) and replies; {@code afterCommit} runs when work was done. */
  public void reply(RoutingContext ctx, Function<SqlClient, Future<Outcome>> work, Runnable afterCommit) {
    if (ctx.request().headers().getAll(HEADER).size() > 1) {
      // Which of two keys would a proxy or a retry honour? Neither: refuse rather than guess.
      throw invalidKey();
    }
    String key = ctx.request().getHeader(HEADER);
    Future<Reply> reply = key == null
      ? work.apply(pool).map(outcome -> new Reply(outcome.status(), Json.string(outcome.body()), false))
      : guarded(validKey(key), fingerprint(ctx), work);
    reply
      .onSuccess(r -> {
        if (!r.replayed()) {
          afterCommit.run();
        }
      })
      .compose(r -> {
        if (r.replayed()) {
          ctx.response().putHeader(REPLAYED, "true");
        }
        return ctx.response().setStatusCode(r.status()).putHeader("Content-Type", "application/json").end(r.body());
      })
      .onFailure(ctx::fail);
  }

  /** Forgets keys older than {@code ttlSeconds}. */
  public Future<Integer> purge(long ttlSeconds) {
    return pool.preparedQuery(PURGE).execute(Tuple.of((double) ttlSeconds)).map(rows -> rows.rowCount());
  }

  private record Reply(int status, String body, boolean replayed) {
  }

  private Future<Reply> guarded(String key, String fingerprint, Function<SqlClient, Future<Outcome>> work) {
    return pool.withTransaction(conn -> conn.preparedQuery(CLAIM).execute(Tuple.of(key, fingerprint))
      .compose(claim -> claim.rowCount() == 1 ? firstTime(conn, key, work) : replay(conn, key, fingerprint)));
  }

  private static Future<Reply> firstTime(SqlConnection conn, String key, Function<SqlClient, Future<Outcome>> work) {
    return work.apply(conn).compose(outcome -> {
      String body = Json.string(outcome.body());
      return conn.preparedQuery(SAVE).execute(Tuple.of(key, outcome.status(), body))
        .map(saved -> new Reply(outcome.status(), body, false));
    });
  }

  private static Future<Reply> replay(SqlConnection conn, String key, String fingerprint) {
    return conn.preparedQuery(FIND).execute(Tuple.of(key)).compose(rows -> {
      Row row = rows.iterator().next();
      if (!fingerprint.equals(row.getString("fingerprint"))) {
        return Future.failedFuture(new ProblemException(422, "idempotency-key-reused", "Idempotency key reused",
          "This Idempotency-Key was used for a different request; use a new key for a new request.", List.of()));
      }
      return Future.succeededFuture(new Reply(row.getInteger("status_code"), row.getString("response_body"), true));
    });
  }

  private static String validKey(String key) {
    if (!KEY.matcher(key).matches()) {
      throw invalidKey();
    }
    return key;
  }

  private static ProblemException invalidKey() {
    return new ProblemException(400, "invalid-idempotency-key", "Invalid Idempotency-Key",
      "The Idempotency-Key header must be given once, as 1 to 255 visible ASCII characters.", List.of());
  }

  /** Same method, path and body bytes: the same request. */
  private static String fingerprint(RoutingContext ctx) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((ctx.request().method() + " " + ctx.request().path() + "\n").getBytes(StandardCharsets.UTF_8));
      Buffer body = ctx.body().buffer();
      if (body != null) {
        sha.update(body.getBytes());
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
