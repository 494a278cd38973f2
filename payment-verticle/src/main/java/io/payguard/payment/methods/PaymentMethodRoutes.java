package io.payguard.payment.methods;

import io.payguard.http.FieldReader;
import io.payguard.http.JsonBodies;
import io.payguard.http.PathIds;
import io.payguard.http.Replies;
import io.payguard.overload.DeadlinePool;
import io.payguard.payment.idempotency.IdempotentReplies;
import io.payguard.payment.paging.Cursor;
import io.payguard.payment.paging.PageRequest;
import io.payguard.payment.paging.Pages;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.OffsetDateTime;

/** {@code /payment_methods}: the old demo's endpoints plus {@code GET /payment_methods/{id}}. */
public final class PaymentMethodRoutes {

  private final DeadlinePool db;
  private final PaymentMethodRepository methods;
  private final IdempotentReplies replies;
  private final Clock clock;

  public PaymentMethodRoutes(DeadlinePool db, PaymentMethodRepository methods, IdempotentReplies replies, Clock clock) {
    this.db = db;
    this.methods = methods;
    this.replies = replies;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.post("/payment_methods").handler(this::create);
    router.get("/payment_methods").handler(this::list);
    router.get("/payment_methods/:id").handler(this::get);
  }

  private void create(RoutingContext ctx) {
    FieldReader fields = new FieldReader(JsonBodies.object(ctx));
    PaymentMethod method = new PaymentMethod(fields.optionalId("payment_method_id"), fields.text("name"),
      OffsetDateTime.now(clock));
    fields.validate();
    replies.reply(ctx, tx -> methods.insert(tx, method).map(created -> new IdempotentReplies.Outcome(201, created)),
      () -> { });
  }

  private void list(RoutingContext ctx) {
    PageRequest page = PageRequest.from(ctx);
    db.read(ctx, c -> methods.page(c, page))
      .compose(rows -> Pages.reply(ctx, page, rows, m -> new Cursor(m.createdAt(), m.paymentMethodId())))
      .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    var id = PathIds.of(ctx.pathParam("id"), "payment method");
    db.read(ctx, c -> methods.find(c, id))
      .compose(found -> Replies.json(ctx, 200, found.orElseThrow(() -> PathIds.unknown("payment method", id))))
      .onFailure(ctx::fail);
  }
}
