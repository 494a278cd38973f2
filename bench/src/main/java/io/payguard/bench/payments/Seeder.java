package io.payguard.bench.payments;

import io.payguard.bench.http.Api;
import io.payguard.bench.http.Replies;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Creates users and payment methods with the old demo's bodies ({@code {first_name, last_name}},
 * {@code {name}}), letting the API choose the ids, so it works against any implementation of that
 * contract. A few requests in flight at a time: seeding is set-up, not load.
 */
public final class Seeder {

  private static final int IN_FLIGHT = 8;

  private static final int ATTEMPTS = 10;

  private final Vertx vertx;
  private final Api api;

  public Seeder(Vertx vertx, Api api) {
    this.vertx = vertx;
    this.api = api;
  }

  public Future<Population> seed(int users, int methods) {
    return create(users, i -> politely(() -> api.post("/users",
        new JsonObject().put("first_name", "Bench").put("last_name", "User " + i)), 1), "user_id")
      .compose(userIds -> create(methods, i -> politely(() -> api.post("/payment_methods",
          new JsonObject().put("name", "bench method " + i)), 1), "payment_method_id")
        .map(methodIds -> new Population(userIds, methodIds)));
  }

  /**
   * As a well-behaved client: a 503 with Retry-After (a busy service shedding, nothing written) is sent
   * again after the time it names, a few times. A slow machine sheds set-up writes before payments.
   */
  private Future<HttpResponse<Buffer>> politely(Supplier<Future<HttpResponse<Buffer>>> call, int attempt) {
    return call.get().compose(response -> {
      String retryAfter = response.getHeader("Retry-After");
      if (response.statusCode() != 503 || retryAfter == null || attempt >= ATTEMPTS) {
        return Future.succeededFuture(response);
      }
      long delayMs = Math.max(1, Long.parseLong(retryAfter.trim())) * 1_000L;
      return vertx.timer(delayMs).compose(v -> politely(call, attempt + 1));
    });
  }

  /** {@code count} creations, at most {@link #IN_FLIGHT} at once; fails on the first refusal, naming it. */
  private Future<List<String>> create(int count, IntFunction<Future<HttpResponse<Buffer>>> call,
                                      String idField) {
    List<String> ids = new ArrayList<>();
    Promise<List<String>> done = Promise.promise();
    int[] next = {0};
    int[] open = {0};
    Runnable[] pump = new Runnable[1];
    pump[0] = () -> {
      while (!done.future().isComplete() && open[0] < IN_FLIGHT && next[0] < count) {
        int i = next[0]++;
        open[0]++;
        call.apply(i).onComplete(ar -> {
          open[0]--;
          if (ar.failed()) {
            done.tryFail(ar.cause());
            return;
          }
          String id = Replies.text(Replies.object(ar.result()), idField);
          if (ar.result().statusCode() / 100 != 2 || id == null) {
            done.tryFail("seeding failed (" + idField + "): " + Replies.describe(ar.result()));
            return;
          }
          ids.add(id);
          if (ids.size() == count) {
            done.tryComplete(ids);
          } else {
            pump[0].run();
          }
        });
      }
    };
    if (count == 0) {
      return Future.succeededFuture(ids);
    }
    pump[0].run();
    return done.future();
  }
}
