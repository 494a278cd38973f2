package io.payguard.risk.outcomes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payguard.http.ApiKeyAuth;
import io.payguard.http.JsonBodies;
import io.payguard.http.PathIds;
import io.payguard.http.ProblemException;
import io.payguard.http.Replies;
import io.payguard.http.Rfc3339;
import io.payguard.overload.DeadlinePool;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * {@code PUT /outcomes/{payment_id}}: label an assessed payment fraud or legitimate after the fact (a
 * correction replaces the label); {@code GET /outcomes/{payment_id}} reads it. The body reaches the
 * handler checked against the contract ({@code NewOutcome}); who labelled it is the API key's name.
 */
public final class OutcomeRoutes {

  private final DeadlinePool db;
  private final OutcomeRepository outcomes;

  public OutcomeRoutes(DeadlinePool db, OutcomeRepository outcomes) {
    this.db = db;
    this.outcomes = outcomes;
  }

  public void mount(Router router) {
    router.put("/outcomes/:id").handler(this::record);
    router.get("/outcomes/:id").handler(this::get);
  }

  private void record(RoutingContext ctx) {
    var id = PathIds.of(ctx.pathParam("id"), "assessment");
    ObjectNode body = JsonBodies.object(ctx);
    // Microseconds, as PostgreSQL keeps them: the reply says what a read will.
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    OffsetDateTime occurred = body.hasNonNull("occurred_at") ? occurredAt(body.get("occurred_at").asText()) : now;
    Outcome outcome = new Outcome(id, Outcome.Label.of(body.get("label").asText()), body.get("source").asText(),
      occurred, body.hasNonNull("note") ? body.get("note").asText() : null, now, ApiKeyAuth.keyName(ctx));
    db.write(ctx, tx -> outcomes.record(tx, outcome))
      .compose(created -> Replies.json(ctx, created.orElseThrow(() -> PathIds.unknown("assessment", id)) ? 201 : 200,
        outcome))
      .onFailure(ctx::fail);
  }

  /** The contract says date-time; an instant it cannot hold (a year 0, an offset of 25 h) is refused here. */
  private static OffsetDateTime occurredAt(String text) {
    try {
      return Rfc3339.parseMicros(text).withOffsetSameInstant(ZoneOffset.UTC);
    } catch (RuntimeException e) {
      throw ProblemException.invalidField("occurred_at", "must be an RFC 3339 date-time");
    }
  }

  private void get(RoutingContext ctx) {
    var id = PathIds.of(ctx.pathParam("id"), "assessment");
    db.read(ctx, c -> outcomes.find(c, id))
      .compose(found -> Replies.json(ctx, 200, found.orElseThrow(() -> PathIds.unknown("outcome", id))))
      .onFailure(ctx::fail);
  }
}
