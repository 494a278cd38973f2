package io.payguard.payment.idempotency;

import io.payguard.http.ProblemException;
import io.payguard.json.Json;
import io.payguard.overload.DeadlinePool;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * How every POST replies, honouring {@code Idempotency-Key}: the key is claimed, the work done and its
 * response stored in ONE transaction ({@link IdempotencyKeys}), so a retry gets the first response
 * without the work being done again. A request that fails (4xx, 5xx) stores nothing, so it can be
 * retried with the same key. A key reused for a different request (method, path or body) is refused
 * with 422. The key's form is the contract's (the {@code IdempotencyKey} parameter). Every write runs in a
 * transaction within the request's deadline ({@link DeadlinePool#write}): committed before it, or not at
 * all.
 */
public final class IdempotentReplies {

  public static final String HEADER = "Idempotency-Key";
  public static final String REPLAYED = "Idempotent-Replayed";

  /** What a POST answers: its status and body. */
  public record Outcome(int status, Object body) {
  }

  private record Reply(int status, String body, boolean replayed) {
  }

  private final DeadlinePool db;
  private final IdempotencyKeys keys;

  public IdempotentReplies(DeadlinePool db, IdempotencyKeys keys) {
    this.db = db;
    this.keys = keys;
  }

  /** Runs {@code work} (at most once per key) and replies; {@code afterCommit} runs when work was done. */
  public void reply(RoutingContext ctx, Function<SqlClient, Future<Outcome>> work, Runnable afterCommit) {
    reply(ctx, work, afterCommit, Future::succeededFuture);
  }

  /**
   * As above; when the transaction failed (and was rolled back), {@code explain} may turn the failure
   * into a clearer one, with queries of its own.
   */
  public void reply(RoutingContext ctx, Function<SqlClient, Future<Outcome>> work, Runnable afterCommit,
                    Function<Throwable, Future<Throwable>> explain) {
    List<String> given = ctx.request().headers().getAll(HEADER);
    if (given.size() > 1) {
      // Which of two keys would a proxy or a retry honour? Neither: refuse rather than guess. (One
      // header is all a contract parameter can describe, so this rule is stated here.)
      throw new ProblemException(400, "invalid-idempotency-key", "Invalid Idempotency-Key",
        "The Idempotency-Key header must be given once, as 1 to 255 visible ASCII characters.", List.of());
    }
    Future<Reply> reply = (given.isEmpty()
      ? db.write(ctx, tx -> work.apply(tx).map(outcome -> new Reply(outcome.status(), Json.string(outcome.body()), false)))
      : guarded(ctx, given.get(0), fingerprint(ctx), work))
      .recover(failure -> explain.apply(failure).compose(Future::failedFuture));
    reply
      .onSuccess(r -> {
        if (!r.replayed()) {
          afterCommit.run();
        }
      })
      .compose(r -> {
        if (ctx.response().ended()) {
          return Future.succeededFuture(); // cannot happen after a commit: its outcome is always awaited
        }
        if (r.replayed()) {
          ctx.response().putHeader(REPLAYED, "true");
        }
        return ctx.response().setStatusCode(r.status()).putHeader("Content-Type", "application/json").end(r.body());
      })
      .onFailure(ctx::fail);
  }

  private Future<Reply> guarded(RoutingContext ctx, String key, String fingerprint,
                                Function<SqlClient, Future<Outcome>> work) {
    return db.write(ctx, tx -> keys.claim(tx, key, fingerprint)
      .compose(claimed -> claimed ? firstTime(tx, key, work) : replay(tx, key, fingerprint)));
  }

  private Future<Reply> firstTime(SqlConnection tx, String key, Function<SqlClient, Future<Outcome>> work) {
    return work.apply(tx).compose(outcome -> {
      String body = Json.string(outcome.body());
      return keys.save(tx, key, outcome.status(), body).map(saved -> new Reply(outcome.status(), body, false));
    });
  }

  private Future<Reply> replay(SqlConnection tx, String key, String fingerprint) {
    return keys.find(tx, key).compose(stored -> fingerprint.equals(stored.fingerprint())
      ? Future.succeededFuture(new Reply(stored.status(), stored.body(), true))
      : Future.failedFuture(new ProblemException(422, "idempotency-key-reused", "Idempotency key reused",
        "This Idempotency-Key was used for a different request; use a new key for a new request.", List.of())));
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
