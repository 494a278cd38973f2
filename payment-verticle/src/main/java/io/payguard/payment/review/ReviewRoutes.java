package io.payguard.payment.review;

import io.payguard.http.ApiKeyAuth;
import io.payguard.http.FieldReader;
import io.payguard.http.JsonBodies;
import io.payguard.http.PathIds;
import io.payguard.http.Replies;
import io.payguard.overload.DeadlinePool;
import io.payguard.payment.idempotency.IdempotentReplies;
import io.payguard.payment.payments.PaymentRepository;
import io.payguard.payment.payments.PaymentStatus;
import io.payguard.payment.webhooks.PaymentEvent;
import io.payguard.payment.webhooks.PaymentEvents;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The review of a payment the risk service held: {@code POST /payments/{id}/approve} or {@code /decline}
 * (body {@code Resolution}, validated against the contract: a note, and optionally the operator's name),
 * recorded with the name of the API key that sent it; and {@code GET /payments/{id}/history}, the
 * payment's status history. The queue itself is {@code GET /payments?status=REVIEW} (oldest first).
 */
public final class ReviewRoutes {

  private final DeadlinePool db;
  private final PaymentRepository payments;
  private final IdempotentReplies replies;
  private final Clock clock;

  public ReviewRoutes(DeadlinePool db, PaymentRepository payments, IdempotentReplies replies, Clock clock) {
    this.db = db;
    this.payments = payments;
    this.replies = replies;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.post("/payments/:id/approve").handler(ctx -> resolve(ctx, PaymentStatus.APPROVED));
    router.post("/payments/:id/decline").handler(ctx -> resolve(ctx, PaymentStatus.DECLINED));
    router.get("/payments/:id/history").handler(this::history);
  }

  private void resolve(RoutingContext ctx, PaymentStatus status) {
    var id = PathIds.of(ctx.pathParam("id"), "payment");
    FieldReader fields = new FieldReader(JsonBodies.object(ctx));
    String key = ApiKeyAuth.keyName(ctx);
    // The operator's name where the client gives one (old clients always do), else the key's name.
    String by = fields.optionalText("by").orElse(key);
    String note = fields.text("reason");
    fields.validate();
    OffsetDateTime at = OffsetDateTime.now(clock);
    replies.reply(ctx, tx -> payments.resolve(tx, id, status, by, key, note, at)
      .compose(resolved -> PaymentEvents.record(tx, List.of(PaymentEvent.of(resolved, PaymentStatus.REVIEW, at)))
        .map(recorded -> new IdempotentReplies.Outcome(200, resolved))), () -> { });
  }

  private void history(RoutingContext ctx) {
    var id = PathIds.of(ctx.pathParam("id"), "payment");
    db.read(ctx, c -> payments.find(c, id))
      .compose(found -> Replies.json(ctx, 200, StatusHistory.of(found.orElseThrow(() -> PathIds.unknown("payment", id)))))
      .onFailure(ctx::fail);
  }
}
