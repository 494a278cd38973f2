package io.payguard.payment.methods;

import io.payguard.http.JsonBodies;
import io.payguard.http.Replies;
import io.payguard.payment.api.Clock;
import io.payguard.payment.api.FieldReader;
import io.payguard.payment.api.Idempotency;
import io.payguard.payment.api.Ids;
import io.payguard.payment.api.PageRequest;
import io.payguard.payment.api.Pages;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /payment_methods}: the old demo's endpoints plus {@code GET /payment_methods/{id}}. */
public final class PaymentMethodRoutes {

  private final PaymentMethodRepository methods;
  private final Idempotency idempotency;

  public PaymentMethodRoutes(PaymentMethodRepository methods, Idempotency idempotency) {
    this.methods = methods;
    this.idempotency = idempotency;
  }

  public void mount(Router router) {
    router.post("/payment_methods").handler(this::create);
    router.get("/payment_methods").handler(this::list);
    router.get("/payment_methods/:id").handler(this::get);
  }

  private void create(RoutingContext ctx) {
    FieldReader fields = new FieldReader(JsonBodies.object(ctx));
    PaymentMethod method = new PaymentMethod(fields.optionalId("payment_method_id"), fields.name("name"),
      Clock.now());
    fields.validate();
    idempotency.reply(ctx, db -> methods.insert(db, method).map(created -> new Idempotency.Outcome(201, created)),
      () -> { });
  }

  private void list(RoutingContext ctx) {
    PageRequest page = PageRequest.from(ctx);
    methods.page(page).compose(rows -> Pages.reply(ctx, page, rows, PaymentMethod::cursor))
      .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    var id = Ids.fromPath(ctx.pathParam("id"), "payment method");
    methods.find(id)
      .compose(found -> Replies.json(ctx, 200, found.orElseThrow(() -> Ids.unknown("payment method", id))))
      .onFailure(ctx::fail);
  }
}
