package io.payguard.payment.payments;

import io.payguard.http.JsonBodies;
import io.payguard.http.RequestIds;
import io.payguard.http.Replies;
import io.payguard.outbox.OutboxSignal;
import io.payguard.payment.api.Clock;
import io.payguard.payment.api.FieldReader;
import io.payguard.payment.api.Idempotency;
import io.payguard.payment.api.Ids;
import io.payguard.payment.api.PageRequest;
import io.payguard.payment.api.Pages;
import io.payguard.payment.api.QueryReader;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /payments}: the old demo's endpoints (the list filtered by {@link PaymentFilter}),
 * {@code GET /payments/{id}}, and an operator's resolution
 * of a payment held for review ({@code POST /payments/{id}/approve} or {@code /decline}).
 */
public final class PaymentRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentRoutes.class);

  private final PaymentRepository payments;
  private final Idempotency idempotency;
  private final OutboxSignal outbox;

  public PaymentRoutes(PaymentRepository payments, Idempotency idempotency, OutboxSignal outbox) {
    this.payments = payments;
    this.idempotency = idempotency;
    this.outbox = outbox;
  }

  public void mount(Router router) {
    router.post("/payments").handler(this::create);
    router.get("/payments").handler(this::list);
    router.get("/payments/:id").handler(this::get);
    router.post("/payments/:id/approve").handler(ctx -> resolve(ctx, "APPROVED"));
    router.post("/payments/:id/decline").handler(ctx -> resolve(ctx, "DECLINED"));
  }

  private void create(RoutingContext ctx) {
    FieldReader fields = new FieldReader(JsonBodies.object(ctx));
    var id = fields.optionalId("payment_request_id");
    var userId = fields.requiredId("user_id");
    var payeeId = fields.requiredId("payee_id");
    var methodId = fields.requiredId("payment_method_id");
    var amount = fields.amount("amount");
    var currency = fields.currency("currency");
    fields.validate();
    Payment payment = Payment.pending(id, userId, payeeId, methodId, amount, currency, Clock.now());
    String requestId = RequestIds.of(ctx);
    idempotency.reply(ctx, db -> payments.insert(db, payment, requestId)
      .map(stored -> new Idempotency.Outcome(201, stored)), () -> accepted(payment, requestId));
  }

  /** After the commit: wake the relay, and log the line a payment's trail through the logs starts with. */
  private void accepted(Payment payment, String requestId) {
    outbox.rowsWaiting();
    LOG.atInfo().addKeyValue("payment_id", payment.paymentRequestId()).addKeyValue("request_id", requestId)
      .addKeyValue("user_id", payment.userId()).addKeyValue("amount", payment.amount())
      .addKeyValue("currency", payment.currency()).log("payment accepted");
  }

  private void resolve(RoutingContext ctx, String status) {
    var id = Ids.fromPath(ctx.pathParam("id"), "payment");
    FieldReader fields = new FieldReader(JsonBodies.object(ctx));
    String by = fields.name("by");
    String reason = fields.text("reason", 500);
    fields.validate();
    idempotency.reply(ctx, db -> payments.resolve(db, id, status, by, reason, Clock.now())
      .map(resolved -> new Idempotency.Outcome(200, resolved)), () -> { });
  }

  private void list(RoutingContext ctx) {
    QueryReader query = new QueryReader(ctx);
    PageRequest page = PageRequest.read(query);
    PaymentFilter filter = PaymentFilter.read(query);
    query.validate();
    payments.page(page, filter)
      .compose(rows -> Pages.reply(ctx, page, filter.queryString(), rows, Payment::cursor))
      .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    var id = Ids.fromPath(ctx.pathParam("id"), "payment");
    payments.find(id)
      .compose(found -> Replies.json(ctx, 200, found.orElseThrow(() -> Ids.unknown("payment", id))))
      .onFailure(ctx::fail);
  }
}
