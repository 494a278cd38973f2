package io.payguard.payment.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payguard.http.JsonBodies;
import io.payguard.http.PathIds;
import io.payguard.http.ProblemException;
import io.payguard.http.Replies;
import io.payguard.overload.DeadlinePool;
import io.payguard.payment.idempotency.IdempotentReplies;
import io.payguard.payment.paging.Cursor;
import io.payguard.payment.paging.PageRequest;
import io.payguard.payment.paging.Pages;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /webhook-endpoints}: register an endpoint (its secret shown once), read, change, remove it, rotate
 * its secret, read its delivery log and ask for a delivery again. Bodies reach these handlers validated
 * against the contract (types, lengths, the event types known); what it cannot say (the URL's scheme and
 * the addresses its host resolves to) is checked here ({@link WebhookUrls}) before anything is written.
 */
public final class WebhookRoutes {

  private final Vertx vertx;
  private final DeadlinePool db;
  private final EndpointRepository endpoints;
  private final DeliveryRepository deliveries;
  private final IdempotentReplies replies;
  private final WebhookUrls urls;
  private final WebhookConfig config;
  private final Clock clock;

  public WebhookRoutes(Vertx vertx, DeadlinePool db, EndpointRepository endpoints, DeliveryRepository deliveries,
                       IdempotentReplies replies, WebhookUrls urls, WebhookConfig config, Clock clock) {
    this.vertx = vertx;
    this.db = db;
    this.endpoints = endpoints;
    this.deliveries = deliveries;
    this.replies = replies;
    this.urls = urls;
    this.config = config;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.post("/webhook-endpoints").handler(this::create);
    router.get("/webhook-endpoints").handler(this::list);
    router.get("/webhook-endpoints/:id").handler(this::get);
    router.patch("/webhook-endpoints/:id").handler(this::change);
    router.delete("/webhook-endpoints/:id").handler(this::remove);
    router.post("/webhook-endpoints/:id/rotate-secret").handler(this::rotate);
    router.get("/webhook-endpoints/:id/deliveries").handler(this::deliveries);
    router.get("/webhook-endpoints/:id/deliveries/:delivery").handler(this::delivery);
    router.post("/webhook-endpoints/:id/deliveries/:delivery/redeliver").handler(this::redeliver);
  }

  private void create(RoutingContext ctx) {
    ObjectNode body = JsonBodies.object(ctx);
    String url = body.get("url").asText();
    List<String> types = eventTypes(body.get("event_types"));
    String description = body.hasNonNull("description") ? body.get("description").asText() : null;
    UUID id = UUID.randomUUID();
    String secret = Signatures.newSecret();
    OffsetDateTime at = OffsetDateTime.now(clock);
    urls.resolve("url", urls.parse("url", url)).onSuccess(allowed -> replies.reply(ctx,
        tx -> endpoints.insert(tx, id, url, description, types, secret, at, config.maxEndpoints())
          .map(created -> new IdempotentReplies.Outcome(201, new EndpointWithSecret(created, secret),
            new EndpointWithSecret(created, null))), () -> { }))
      .onFailure(ctx::fail);
  }

  private void change(RoutingContext ctx) {
    UUID id = PathIds.of(ctx.pathParam("id"), "webhook endpoint");
    ObjectNode body = JsonBodies.object(ctx);
    Optional<String> url = Optional.ofNullable(body.get("url")).map(JsonNode::asText);
    EndpointRepository.Change change = new EndpointRepository.Change(url,
      body.has("description") ? Optional.of(Optional.ofNullable(body.get("description")).filter(d -> !d.isNull())
        .map(JsonNode::asText)) : Optional.empty(),
      Optional.ofNullable(body.get("event_types")).map(WebhookRoutes::eventTypes),
      Optional.ofNullable(body.get("enabled")).map(JsonNode::asBoolean));
    OffsetDateTime at = OffsetDateTime.now(clock);
    Future<?> checked = url.isPresent() ? urls.resolve("url", urls.parse("url", url.get())) : Future.succeededFuture();
    checked.onSuccess(allowed -> replies.reply(ctx, tx -> endpoints.update(tx, id, change, at)
        .map(changed -> new IdempotentReplies.Outcome(200, changed)), () -> { }))
      .onFailure(ctx::fail);
  }

  private void rotate(RoutingContext ctx) {
    UUID id = PathIds.of(ctx.pathParam("id"), "webhook endpoint");
    ObjectNode body = JsonBodies.object(ctx);
    int overlap = body.hasNonNull("overlap_seconds") ? body.get("overlap_seconds").asInt() : config.rotationOverlapSeconds();
    if (overlap > config.maxOverlapSeconds()) {
      throw ProblemException.invalidField("overlap_seconds", "at most " + config.maxOverlapSeconds());
    }
    String secret = Signatures.newSecret();
    OffsetDateTime at = OffsetDateTime.now(clock);
    replies.reply(ctx, tx -> endpoints.rotate(tx, id, secret, at.plusSeconds(overlap), at)
      .map(rotated -> new IdempotentReplies.Outcome(200, new EndpointWithSecret(rotated, secret),
        new EndpointWithSecret(rotated, null))), () -> { });
  }

  private void remove(RoutingContext ctx) {
    UUID id = PathIds.of(ctx.pathParam("id"), "webhook endpoint");
    db.write(ctx, tx -> endpoints.delete(tx, id))
      .compose(done -> ctx.response().ended() ? Future.succeededFuture() : ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    PageRequest page = PageRequest.from(ctx);
    db.read(ctx, c -> endpoints.page(c, page))
      .compose(rows -> Pages.reply(ctx, page, rows, e -> new Cursor(e.createdAt(), e.endpointId())))
      .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    UUID id = PathIds.of(ctx.pathParam("id"), "webhook endpoint");
    db.read(ctx, c -> endpoints.find(c, id))
      .compose(found -> Replies.json(ctx, 200, found.orElseThrow(() -> EndpointRepository.unknown(id))))
      .onFailure(ctx::fail);
  }

  private void deliveries(RoutingContext ctx) {
    UUID id = PathIds.of(ctx.pathParam("id"), "webhook endpoint");
    PageRequest page = PageRequest.from(ctx);
    db.read(ctx, c -> endpoints.find(c, id).compose(found -> found.isEmpty()
        ? Future.failedFuture(EndpointRepository.unknown(id)) : deliveries.page(c, id, page)))
      .compose(rows -> Pages.reply(ctx, page, rows, d -> new Cursor(d.createdAt(), d.deliveryId())))
      .onFailure(ctx::fail);
  }

  private void delivery(RoutingContext ctx) {
    UUID id = PathIds.of(ctx.pathParam("id"), "webhook endpoint");
    UUID delivery = PathIds.of(ctx.pathParam("delivery"), "delivery");
    db.read(ctx, c -> deliveries.find(c, id, delivery))
      .compose(found -> Replies.json(ctx, 200, found))
      .onFailure(ctx::fail);
  }

  private void redeliver(RoutingContext ctx) {
    UUID id = PathIds.of(ctx.pathParam("id"), "webhook endpoint");
    UUID delivery = PathIds.of(ctx.pathParam("delivery"), "delivery");
    replies.reply(ctx, tx -> deliveries.redeliver(tx, id, delivery).map(d -> new IdempotentReplies.Outcome(202, d)),
      () -> vertx.eventBus().send(WebhookDispatcher.WAKE, null));
  }

  private static List<String> eventTypes(JsonNode node) {
    List<String> types = new ArrayList<>();
    node.forEach(t -> {
      if (!types.contains(t.asText())) {
        types.add(t.asText());
      }
    });
    return types;
  }
}
