package io.payguard.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.payguard.config.ApiKeyConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The access log names the key that sent a request, never the key itself. */
class AccessLogTest {

  private static final String KEY = "a-key-of-analyst-anna-0001";

  @Test
  void eachLineCarriesTheKeysNameAndNeverTheKey() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(AccessLog.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    Vertx vertx = Vertx.vertx();
    try {
      Router router = Router.router(vertx);
      ProblemResponses.install(router);
      router.route().handler(new AccessLog());
      router.route().handler(new ApiKeyAuth(new ApiKeyConfig(true,
        List.of(new ApiKeyConfig.NamedKey("anna", KEY, java.util.Set.of(Scopes.REVIEWS))))));
      router.get("/x").handler(ctx -> ctx.response().end("ok"));
      HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      HttpClient http = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + server.actualPort() + "/x");
      assertThat(http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + KEY).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      assertThat(http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(401);
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (lines.list.size() < 2 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      List<Map<String, String>> fields = lines.list.stream().map(event -> event.getKeyValuePairs().stream()
        .collect(Collectors.toMap(kv -> kv.key, kv -> String.valueOf(kv.value)))).toList();
      assertThat(fields).hasSize(2);
      assertThat(fields.get(0)).containsEntry("api_key", "anna").containsEntry("status", "200");
      assertThat(fields.get(1)).containsEntry("api_key", ApiKeyAuth.ANONYMOUS).containsEntry("status", "401");
      assertThat(lines.list.stream().flatMap(e -> e.getKeyValuePairs().stream()).map(KeyValuePair::toString))
        .noneMatch(text -> text.contains(KEY));
    } finally {
      logger.detachAppender(lines);
      vertx.close();
    }
  }
}
