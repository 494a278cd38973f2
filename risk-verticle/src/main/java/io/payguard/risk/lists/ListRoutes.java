package io.payguard.risk.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payguard.http.ApiKeyAuth;
import io.payguard.http.FieldError;
import io.payguard.http.JsonBodies;
import io.payguard.http.ProblemException;
import io.payguard.http.Replies;
import io.payguard.overload.DeadlinePool;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code /lists}: create, read and delete risk lists, add and remove their values. Bodies and parameters
 * reach these handlers checked against the contract (names, shapes, sizes: at most 1,000 values per request);
 * each value is checked here against its list's kind, and one bad value refuses the whole request. Who
 * made a change is the name of the API key that made it.
 */
public final class ListRoutes {

  /** Values per page when the request says none (the contract's default for {@code limit}). */
  private static final int DEFAULT_PAGE = 100;
  /** CEL's reserved words: a list so named could never be read as {@code lists.<name>}. */
  private static final Set<String> RESERVED = Set.of("as", "break", "const", "continue", "else", "false", "for",
    "function", "if", "import", "in", "let", "loop", "package", "namespace", "null", "return", "true", "var", "void",
    "while");

  private final DeadlinePool db;
  private final ListRepository lists;
  private final Function<String, Optional<String>> usedBy;

  /** {@code usedBy}: the version of the rules in force when they name the list, else empty. */
  public ListRoutes(DeadlinePool db, ListRepository lists, Function<String, Optional<String>> usedBy) {
    this.db = db;
    this.lists = lists;
    this.usedBy = usedBy;
  }

  public void mount(Router router) {
    router.get("/lists").handler(this::all);
    router.post("/lists").handler(this::create);
    router.get("/lists/:name").handler(this::get);
    router.delete("/lists/:name").handler(this::delete);
    router.get("/lists/:name/entries").handler(this::entries);
    router.post("/lists/:name/entries").handler(this::add);
    router.delete("/lists/:name/entries/:value").handler(this::remove);
  }

  private void all(RoutingContext ctx) {
    db.read(ctx, lists::all)
      .compose(all -> Replies.json(ctx, 200, Map.of("lists", all)))
      .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    ObjectNode body = JsonBodies.object(ctx);
    String name = body.path("name").asText();
    ListKind kind = ListKind.of(body.path("kind").asText());
    String description = body.path("description").asText("");
    OffsetDateTime now = now();
    if (RESERVED.contains(name)) {
      ctx.fail(ProblemException.invalidField("name", "is a reserved word of the rule language; choose another"));
      return;
    }
    db.write(ctx, tx -> lists.nextVersion(tx)
        .compose(version -> lists.create(tx, version, name, kind, description, ApiKeyAuth.keyName(ctx), now))
        .compose(created -> created ? lists.find(tx, name)
          : Future.failedFuture(ProblemException.conflict("a list named " + name + " exists"))))
      .compose(list -> {
        ctx.response().putHeader("Location", "/lists/" + name);
        return Replies.json(ctx, 201, list.orElseThrow());
      })
      .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    db.read(ctx, c -> lists.find(c, name))
      .compose(list -> Replies.json(ctx, 200, list.orElseThrow(() -> unknown(name))))
      .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    Optional<String> rules = usedBy.apply(name);
    if (rules.isPresent()) {
      ctx.fail(ProblemException.conflict("the rules in force (" + rules.get() + ") use list " + name
        + "; change the rules first"));
      return;
    }
    db.write(ctx, tx -> lists.nextVersion(tx).compose(version -> lists.delete(tx, name))
        .compose(deleted -> deleted ? Future.succeededFuture() : Future.failedFuture(unknown(name))))
      .compose(done -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  private void entries(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    String after = ctx.queryParams().get("after");
    String limitParam = ctx.queryParams().get("limit");
    int limit = limitParam == null ? DEFAULT_PAGE : Integer.parseInt(limitParam);
    boolean removed = "true".equals(ctx.queryParams().get("include_removed"));
    db.read(ctx, c -> lists.find(c, name).compose(list -> {
        if (list.isEmpty()) {
          return Future.failedFuture(unknown(name));
        }
        return lists.entries(c, name, removed, after == null ? "" : after, limit);
      }))
      .compose(page -> {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", page);
        long values = page.stream().map(ListRepository.Entry::value).distinct().count();
        body.put("next_after", values < limit ? null : page.get(page.size() - 1).value());
        return Replies.json(ctx, 200, body);
      })
      .onFailure(ctx::fail);
  }

  private void add(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    ObjectNode body = JsonBodies.object(ctx);
    JsonNode note = body.get("note");
    OffsetDateTime now = now();
    db.write(ctx, tx -> lists.nextVersion(tx).compose(version -> lists.kind(tx, name).compose(kind -> {
        if (kind.isEmpty()) {
          return Future.failedFuture(unknown(name));
        }
        return lists.add(tx, version, name, canonical(body.get("values"), kind.get()),
          note == null || note.isNull() ? null : note.asText(), ApiKeyAuth.keyName(ctx), now);
      })))
      .compose(added -> Replies.json(ctx, 200, added))
      .onFailure(ctx::fail);
  }

  private void remove(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    String value = ctx.pathParam("value");
    OffsetDateTime now = now();
    db.write(ctx, tx -> lists.nextVersion(tx).compose(version -> lists.kind(tx, name).compose(kind -> {
        if (kind.isEmpty()) {
          return Future.failedFuture(unknown(name));
        }
        String canonical = kind.get().canonical(value);
        return canonical == null ? Future.succeededFuture(false)
          : lists.remove(tx, version, name, canonical, ApiKeyAuth.keyName(ctx), now);
      })))
      .compose(removed -> {
        if (!removed) {
          throw ProblemException.notFound("the value is not in list " + name);
        }
        return ctx.response().setStatusCode(204).end();
      })
      .onFailure(ctx::fail);
  }

  /** Every value canonical, duplicates dropped; every value that is not of {@code kind} reported. */
  private static List<String> canonical(JsonNode values, ListKind kind) {
    Set<String> canonical = new LinkedHashSet<>();
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i).isTextual() ? kind.canonical(values.get(i).asText()) : null;
      if (value == null) {
        if (errors.size() < 20) {
          errors.add(new FieldError("values[" + i + "]", "must be " + kind.expected() + " (list kind " + kind.json() + ")"));
        }
      } else {
        canonical.add(value);
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return List.copyOf(canonical);
  }

  private static ProblemException unknown(String name) {
    return ProblemException.notFound("there is no list named " + name);
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }
}
