package io.payguard.payment.users;

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

/** {@code /users}: the old demo's endpoints plus {@code GET /users/{id}}. */
public final class UserRoutes {

  private final DeadlinePool db;
  private final UserRepository users;
  private final IdempotentReplies replies;
  private final Clock clock;

  public UserRoutes(DeadlinePool db, UserRepository users, IdempotentReplies replies, Clock clock) {
    this.db = db;
    this.users = users;
    this.replies = replies;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.post("/users").handler(this::create);
    router.get("/users").handler(this::list);
    router.get("/users/:id").handler(this::get);
  }

  private void create(RoutingContext ctx) {
    FieldReader fields = new FieldReader(JsonBodies.object(ctx));
    User user = new User(fields.optionalId("user_id"), fields.text("first_name"), fields.text("last_name"),
      OffsetDateTime.now(clock));
    fields.validate();
    replies.reply(ctx, tx -> users.insert(tx, user).map(created -> new IdempotentReplies.Outcome(201, created)),
      () -> { });
  }

  private void list(RoutingContext ctx) {
    PageRequest page = PageRequest.from(ctx);
    db.read(ctx, c -> users.page(c, page))
      .compose(rows -> Pages.reply(ctx, page, rows, u -> new Cursor(u.createdAt(), u.userId())))
      .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    var id = PathIds.of(ctx.pathParam("id"), "user");
    db.read(ctx, c -> users.find(c, id))
      .compose(found -> Replies.json(ctx, 200, found.orElseThrow(() -> PathIds.unknown("user", id))))
      .onFailure(ctx::fail);
  }
}
