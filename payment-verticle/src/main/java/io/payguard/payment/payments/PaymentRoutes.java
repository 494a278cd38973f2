package io.payguard.payment.payments;

import io.payguard.http.JsonBodies;
import io.payguard.http.Replies;
import io.payguard.payment.api.Clock;
import io.payguard.payment.api.FieldReader;
import io.payguard.payment.api.Ids;
import io.payguard.payment.api.OutboxSignal;
import io.payguard.payment.api.PageRequest;
import io.payguard.payment.api.Pages;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /payments}: the old demo's endpoints plus {@code GET /payments/{id}}. */
public final class PaymentRoutes {

  private final PaymentRepository payments;
  private final OutboxSignal outbox;

  public PaymentRoutes(PaymentRepository payments, OutboxSignal outbox) {
    this.payments = payments;
    this.outbox = outbox;
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
    var amount = fields.amount("amount");
    var currency = fields.currency("currency");
    fields.validate();
    Payment payment = Payment.pending(id, userId, payeeId, methodId, amount, currency, Clock.now());
    payments.insert(payment)
      .onSuccess(stored -> outbox.rowsWaiting())
      .compose(stored -> Replies.json(ctx, 201, stored))
      .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    PageRequest page = PageRequest.from(ctx);
    payments.page(page).compose(rows -> Pages.reply(ctx, page, rows, Payment::cursor)).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    var id = Ids.fromPath(ctx.pathParam("id"), "payment");
    payments.find(id)
      .compose(found -> Replies.json(ctx, 200, found.orElseThrow(() -> Ids.unknown("payment", id))))
      .onFailure(ctx::fail);
  }
}
