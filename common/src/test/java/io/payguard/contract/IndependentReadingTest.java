package io.payguard.contract;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contracts say what tools other than ours read in them (issue 19): patterns in the regex dialect
 * both ECMA-262 (JSON Schema's) and java.util.regex (our validator's) read alike, and the documentation
 * assets served with media types the contract names.
 */
@ExtendWith(VertxExtension.class)
class IndependentReadingTest {

  /**
   * Escapes that mean something else in ECMA-262 than in java.util.regex ({@code \s} takes in U+00A0 and
   * U+3000 there, {@code \v} is one character there and seven here) or that ECMA-262 does not have.
   */
  private static final Pattern DIALECT_TRAP = Pattern.compile("\\\\[sSvVhHRXpPzZAGQE]");

  /** The documents as published (contracts/), not the copy vertx-openapi is given. */
  private static final Map<String, JsonObject> CONTRACTS = new ConcurrentHashMap<>();

  @BeforeAll
  static void load(Vertx vertx, VertxTestContext test) {
    Path dir = Path.of("").toAbsolutePath().getParent().resolve("contracts");
    Future.all(List.of("payment", "risk").stream().map(service -> vertx.fileSystem()
        .readFile(dir.resolve(service + ".yaml").toString())
        .onSuccess(yaml -> CONTRACTS.put(service, ApiContract.parse(yaml)))).toList())
      .onComplete(test.succeedingThenComplete());
  }

  @ParameterizedTest
  @ValueSource(strings = {"payment", "risk"})
  void everyPatternReadsTheSameInEcmaScriptAndJava(String service) {
    Map<String, String> patterns = new LinkedHashMap<>();
    collectPatterns(CONTRACTS.get(service), "#", patterns);
    assertThat(patterns).as("patterns found").isNotEmpty();
    patterns.forEach((where, pattern) -> assertThat(DIALECT_TRAP.matcher(pattern).find())
      .as(where + ": " + pattern).isFalse());
  }

  @ParameterizedTest
  @ValueSource(strings = {"payment", "risk"})
  void everyAssetOfTheDocsPageIsServedWithAMediaTypeTheContractNames(String service, Vertx vertx,
                                                                       VertxTestContext test) throws Throwable {
    List<String> promised = new ArrayList<>(CONTRACTS.get(service).getJsonObject("paths")
      .getJsonObject("/docs/{asset}").getJsonObject("get").getJsonObject("responses").getJsonObject("200")
      .getJsonObject("content").fieldNames());
    Router router = Router.router(vertx);
    HttpClient client = vertx.createHttpClient();
    Map<String, String> served = new ConcurrentHashMap<>();
    DocsPage.load(vertx, "/openapi.yaml").compose(page -> {
      page.mount(router);
      return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1");
    }).compose(server -> get(client, server, "/docs").compose(html -> {
      List<String> assets = new ArrayList<>();
      Matcher m = Pattern.compile("docs/([A-Za-z0-9._-]+)").matcher(html.getString("body"));
      while (m.find()) {
        assets.add(m.group(1));
      }
      assertThat(assets).as("assets the page refers to").hasSizeGreaterThanOrEqualTo(4);
      return Future.all(assets.stream().map(asset -> get(client, server, "/docs/" + asset)
        .onSuccess(reply -> served.put(asset, reply.getString("type")))).toList());
    })).onComplete(test.succeeding(done -> test.verify(() -> {
      served.forEach((asset, type) -> assertThat(type.split(";")[0].strip()).as(asset).isIn(promised));
      test.completeNow();
    })));
  }

  private static Future<JsonObject> get(HttpClient client, HttpServer server, String path) {
    return client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", path)
      .compose(request -> request.send())
      .compose(response -> {
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        String type = response.getHeader("Content-Type");
        return response.body().map(body -> new JsonObject().put("type", type).put("body", body.toString()));
      });
  }

  private static void collectPatterns(Object node, String where, Map<String, String> patterns) {
    if (node instanceof JsonObject object) {
      object.forEach(field -> {
        if ("pattern".equals(field.getKey()) && field.getValue() instanceof String pattern) {
          patterns.put(where, pattern);
        } else {
          collectPatterns(field.getValue(), where + "/" + field.getKey(), patterns);
        }
      });
    } else if (node instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        collectPatterns(array.getValue(i), where + "/" + i, patterns);
      }
    }
  }
}
