package io.payguard.payment.users;

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

/** {@code /users}: the old demo's endpoints plus {@code GET /users/{id}}. */
public final class UserRoutes {

  private final UserRepository users;
  private final Idempotency idempotency;

  public UserRoutes(UserRepository users, Idempotency idempotency) {
    this.users = users;
    this.idempotency = idempotency;
  }

  public void mount(Router router) {
    router.post("/users").handler(this::create);
    router.get("/users").handler(this::list);
    router.get("/users/:id").handler(this::get);
  }

  private void create(RoutingContext ctx) {
    FieldReader fields = new FieldReader(JsonBodies.object(ctx));
    User user = new User(fields.optionalId("user_id"), fields.name("first_name"), fields.name("last_name"),
      Clock.now());
    fields.validate();
    idempotency.reply(ctx, db -> users.insert(db, user).map(created -> new Idempotency.Outcome(201, created)),
      () -> { });
  }

  private void list(RoutingContext ctx) {
    PageRequest page = PageRequest.from(ctx);
    users.page(page).compose(rows -> Pages.reply(ctx, page, rows, User::cursor)).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    var id = Ids.fromPath(ctx.pathParam("id"), "user");
    users.find(id)
      .compose(found -> Replies.json(ctx, 200, found.orElseThrow(() -> Ids.unknown("user", id))))
      .onFailure(ctx::fail);
  }
}
