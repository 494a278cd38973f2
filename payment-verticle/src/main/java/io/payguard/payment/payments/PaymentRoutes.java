package io.payguard.payment.payments;

import io.payguard.db.GroupCommit;
import io.payguard.db.SqlStates;
import io.payguard.http.FieldReader;
import io.payguard.http.JsonBodies;
import io.payguard.http.PathIds;
import io.payguard.http.Replies;
import io.payguard.http.RequestIds;
import io.payguard.outbox.OutboxSignal;
import io.payguard.overload.Deadline;
import io.payguard.overload.DeadlinePool;
import io.payguard.payment.idempotency.IdempotentReplies;
import io.payguard.payment.paging.Cursor;
import io.payguard.payment.paging.PageRequest;
import io.payguard.payment.paging.Pages;
import io.payguard.payment.paging.QueryReader;
import io.payguard.payment.waiting.WaitForDecision;
import io.payguard.payment.webhooks.PaymentEvent;
import io.payguard.payment.webhooks.PaymentEvents;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * {@code /payments}: the old demo's endpoints (the list filtered by {@link PaymentFilter}) and
 * {@code GET /payments/{id}}; the review of a payment is {@link io.payguard.payment.review.ReviewRoutes}.
 * Bodies and parameters reach these handlers validated against the contract ({@code NewPayment}).
 */
public final class PaymentRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentRoutes.class);

  private final DeadlinePool db;
  private final PaymentRepository payments;
  private final Optional<GroupCommit<NewPayment, Payment>> inserts;
  private final IdempotentReplies replies;
  private final OutboxSignal outbox;
  private final WaitForDecision waits;
  private final Clock clock;

  /**
   * {@code inserts}: new payments stored in shared transactions, where configured; {@code clock}: what
   * created_at and resolved_at are read from, at the microseconds PostgreSQL keeps.
   */
  public PaymentRoutes(DeadlinePool db, PaymentRepository payments, Optional<GroupCommit<NewPayment, Payment>> inserts,
                       IdempotentReplies replies, OutboxSignal outbox, WaitForDecision waits, Clock clock) {
    this.db = db;
    this.payments = payments;
    this.inserts = inserts;
    this.replies = replies;
    this.outbox = outbox;
    this.waits = waits;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.post("/payments").handler(this::create);
    router.get("/payments").handler(this::list);
    router.get("/payments/:id").handler(this::get);
  }

  private void create(RoutingContext ctx) {
    FieldReader fields = new FieldReader(JsonBodies.object(ctx));
    var id = fields.optionalId("payment_request_id");
    var userId = fields.requiredId("user_id");
    var payeeId = fields.requiredId("payee_id");
    var methodId = fields.requiredId("payment_method_id");
    var amount = Money.amount(fields, "amount");
    var currency = Money.currency(fields, "currency");
    fields.validate();
    Payment payment = Payment.pending(id, userId, payeeId, methodId, amount, currency, OffsetDateTime.now(clock));
    String requestId = RequestIds.of(ctx);
    IdempotentReplies.Then then = accepted(payment, requestId, waits.begin(ctx, payment.paymentRequestId()));
    if (inserts.isEmpty()) {
      createAlone(ctx, payment, requestId, then);
      return;
    }
    inserts.get().submit(new NewPayment(payment, requestId, IdempotentReplies.claimOf(ctx)), Deadline.of(ctx))
      .onSuccess(stored -> stored.ifPresentOrElse(
        p -> replies.committed(ctx, new IdempotentReplies.Outcome(201, p), then),
        () -> createAlone(ctx, payment, requestId, then)))
      .onFailure(ctx::fail);
  }

  /** One payment in its own transaction: the way every refusal (unknown reference, id taken, key reused) is made. */
  private void createAlone(RoutingContext ctx, Payment payment, String requestId, IdempotentReplies.Then then) {
    replies.reply(ctx, tx -> payments.insert(tx, payment, requestId)
        .map(stored -> new IdempotentReplies.Outcome(201, stored)), then,
      failure -> SqlStates.is(failure, SqlStates.FOREIGN_KEY_VIOLATION)
        // The constraint names only the first missing reference: tell the client about every one.
        ? db.read(ctx, c -> payments.unknownReferences(c, payment)).map(Throwable.class::cast)
        : Future.succeededFuture(failure));
  }

  /**
   * After the commit: wake the relay, log the line a payment's trail through the logs starts with, and
   * reply with the payment, decided if the request waits for that.
   */
  private IdempotentReplies.Then accepted(Payment payment, String requestId, Optional<WaitForDecision.Wait> wait) {
    return committed -> {
      outbox.rowsWaiting();
      LOG.atInfo().addKeyValue("payment_id", payment.paymentRequestId()).addKeyValue("request_id", requestId)
        .addKeyValue("user_id", payment.userId()).addKeyValue("amount", payment.amount())
        .addKeyValue("currency", payment.currency()).log("payment accepted");
      return wait.map(w -> w.decision(payment).map(p -> new IdempotentReplies.Outcome(committed.status(), p)))
        .orElseGet(() -> Future.succeededFuture(committed));
    };
  }

  private void list(RoutingContext ctx) {
    QueryReader query = new QueryReader(ctx);
    PageRequest page = PageRequest.read(query);
    PaymentFilter filter = PaymentFilter.read(query);
    query.validate();
    db.read(ctx, c -> payments.page(c, page, filter))
      .compose(rows -> Pages.reply(ctx, page, filter.queryString(), rows,
        p -> new Cursor(p.createdAt(), p.paymentRequestId())))
      .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    var id = PathIds.of(ctx.pathParam("id"), "payment");
    db.read(ctx, c -> payments.find(c, id))
      .compose(found -> Replies.json(ctx, 200, found.orElseThrow(() -> PathIds.unknown("payment", id))))
      .onFailure(ctx::fail);
  }
}
