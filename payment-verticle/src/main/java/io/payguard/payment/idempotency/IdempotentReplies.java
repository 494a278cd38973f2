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
import java.util.Optional;
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

  /**
   * What a POST answers: its status and body, and what a retry with the same key gets ({@code stored}: the
   * body, unless something in it must be shown once only, such as a webhook's signing secret).
   */
  public record Outcome(int status, Object body, Object stored) {

    public Outcome(int status, Object body) {
      this(status, body, body);
    }
  }

  /** An {@code Idempotency-Key} as given, and the fingerprint of the request that came with it. */
  public record Claim(String key, String fingerprint) {
  }

  /**
   * What a committed request replies instead of its stored outcome: a later state of what it made (a
   * payment's decision, waited for). Runs after the commit, so it never fails the request: at worst it
   * answers what was committed.
   */
  public interface Then {
    Future<Outcome> reply(Outcome committed);

    /** The committed outcome, after {@code afterCommit}. */
    static Then after(Runnable afterCommit) {
      return committed -> {
        afterCommit.run();
        return Future.succeededFuture(committed);
      };
    }
  }

  /** {@code outcome}: what the work returned; absent when replayed, and {@code body} is what was stored. */
  private record Reply(int status, String body, Optional<Outcome> outcome) {

    static Reply of(Outcome outcome) {
      return new Reply(outcome.status(), null, Optional.of(outcome));
    }

    boolean replayed() {
      return outcome.isEmpty();
    }
  }

  private final DeadlinePool db;
  private final IdempotencyKeys keys;

  public IdempotentReplies(DeadlinePool db, IdempotencyKeys keys) {
    this.db = db;
    this.keys = keys;
  }

  /** Runs {@code work} (at most once per key) and replies; {@code afterCommit} runs when work was done. */
  public void reply(RoutingContext ctx, Function<SqlClient, Future<Outcome>> work, Runnable afterCommit) {
    reply(ctx, work, Then.after(afterCommit), Future::succeededFuture);
  }

  /**
   * As above; {@code then} runs when work was done and says what to reply. When the transaction failed
   * (and was rolled back), {@code explain} may turn the failure into a clearer one, with queries of its own.
   */
  public void reply(RoutingContext ctx, Function<SqlClient, Future<Outcome>> work, Then then,
                    Function<Throwable, Future<Throwable>> explain) {
    Optional<Claim> claim = claimOf(ctx);
    Future<Reply> reply = (claim.isEmpty()
      ? db.write(ctx, tx -> work.apply(tx).map(Reply::of))
      : guarded(ctx, claim.get(), work))
      .recover(failure -> explain.apply(failure).compose(Future::failedFuture));
    send(ctx, reply, then);
  }

  /**
   * Replies with {@code outcome}, committed elsewhere ({@link io.payguard.db.GroupCommit}) together with
   * the response stored under the request's key, if it had one, as {@link #stored} says.
   */
  public void committed(RoutingContext ctx, Outcome outcome, Then then) {
    send(ctx, Future.succeededFuture(Reply.of(outcome)), then);
  }

  /** What the key's row holds once the request's work is done: the response a retry gets. */
  public static String stored(Object body) {
    return Json.string(body);
  }

  /**
   * The request's {@code Idempotency-Key}, if it has one. Which of two keys would a proxy or a retry
   * honour? Neither: two are refused rather than guessed between. (One header is all a contract
   * parameter can describe, so this rule is stated here.)
   */
  public static Optional<Claim> claimOf(RoutingContext ctx) {
    List<String> given = ctx.request().headers().getAll(HEADER);
    if (given.size() > 1) {
      throw new ProblemException(400, "invalid-idempotency-key", "Invalid Idempotency-Key",
        "The Idempotency-Key header must be given once, as 1 to 255 visible ASCII characters.", List.of());
    }
    return given.isEmpty() ? Optional.empty() : Optional.of(new Claim(given.get(0), fingerprint(ctx)));
  }

  private static void send(RoutingContext ctx, Future<Reply> reply, Then then) {
    reply
      .compose(r -> r.outcome()
        .map(committed -> then.reply(committed).map(o -> new Reply(o.status(), Json.string(o.body()), r.outcome())))
        .orElseGet(() -> Future.succeededFuture(r)))
      .compose(r -> {
        if (ctx.response().ended() || ctx.response().closed()) {
          // Ended: cannot happen after a commit (its outcome is always awaited). Closed: the client left.
          return Future.succeededFuture();
        }
        if (r.replayed()) {
          ctx.response().putHeader(REPLAYED, "true");
        }
        return ctx.response().setStatusCode(r.status()).putHeader("Content-Type", "application/json").end(r.body());
      })
      .onFailure(ctx::fail);
  }

  private Future<Reply> guarded(RoutingContext ctx, Claim claim, Function<SqlClient, Future<Outcome>> work) {
    return db.write(ctx, tx -> keys.claim(tx, claim.key(), claim.fingerprint())
      .compose(claimed -> claimed ? firstTime(tx, claim.key(), work) : replay(tx, claim.key(), claim.fingerprint())));
  }

  private Future<Reply> firstTime(SqlConnection tx, String key, Function<SqlClient, Future<Outcome>> work) {
    return work.apply(tx).compose(outcome -> {
      String body = stored(outcome.stored());
      return keys.save(tx, key, outcome.status(), body).map(saved -> Reply.of(outcome));
    });
  }

  private Future<Reply> replay(SqlConnection tx, String key, String fingerprint) {
    return keys.find(tx, key).compose(stored -> fingerprint.equals(stored.fingerprint())
      ? Future.succeededFuture(new Reply(stored.status(), stored.body(), Optional.empty()))
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
