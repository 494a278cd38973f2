package io.payguard.risk.assessments;

import io.payguard.http.PathIds;
import io.payguard.http.Replies;
import io.payguard.overload.DeadlinePool;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /assessments/{id}}: a payment's assessment, with its score, decision and each reason. */
public final class AssessmentRoutes {

  private final DeadlinePool db;
  private final AssessmentRepository assessments;

  public AssessmentRoutes(DeadlinePool db, AssessmentRepository assessments) {
    this.db = db;
    this.assessments = assessments;
  }

  public void mount(Router router) {
    router.get("/assessments/:id").handler(this::get);
  }

  private void get(RoutingContext ctx) {
    var id = PathIds.of(ctx.pathParam("id"), "assessment");
    db.read(ctx, c -> assessments.find(c, id))
      .compose(found -> Replies.json(ctx, 200, found.orElseThrow(() -> PathIds.unknown("assessment", id))))
      .onFailure(ctx::fail);
  }
}
