package io.payguard.payment.console;

import io.payguard.json.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /console}: the risk console, plain HTML, CSS and a module read from this jar at start (so
 * nothing is fetched from anywhere else at run time), and {@code /console/config.json}, which tells the
 * page where the risk API is. The files need no key; everything the page shows comes from the public APIs
 * with the key the analyst signs in with. The page may talk only to this origin and the risk API
 * (Content-Security-Policy).
 */
public final class ConsoleRoutes {

  public static final String PATH = "/console";
  private static final String DIR = "console/";
  private static final Map<String, String> FILES = Map.of(
    "index.html", "text/html; charset=utf-8",
    "console.js", "text/javascript; charset=utf-8",
    "console.css", "text/css; charset=utf-8");

  private record File(String contentType, Buffer content) {
  }

  private final Map<String, File> files;
  private final String policy;

  private ConsoleRoutes(Map<String, File> files, String policy) {
    this.files = files;
    this.policy = policy;
  }

  /** Reads the console's files from the classpath, once. */
  public static Future<ConsoleRoutes> load(Vertx vertx, ConsoleConfig config) {
    List<String> names = List.copyOf(FILES.keySet());
    List<Future<Buffer>> reads = names.stream().map(name -> vertx.fileSystem().readFile(DIR + name)).toList();
    return Future.all(reads).map(read -> {
      Map<String, File> files = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        files.put(names.get(i), new File(FILES.get(names.get(i)), reads.get(i).result()));
      }
      files.put("config.json", new File("application/json",
        Buffer.buffer(Json.string(Map.of("riskUrl", config.riskUrl())))));
      String policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
        + " connect-src 'self' " + config.riskUrl() + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
      return new ConsoleRoutes(Map.copyOf(files), policy);
    });
  }

  public void mount(Router router) {
    router.get(PATH).handler(ctx -> send(ctx, files.get("index.html")));
    router.get(PATH + "/:file").handler(ctx -> {
      File file = files.get(ctx.pathParam("file"));
      if (file == null) {
        ctx.next(); // the router's 404 problem
        return;
      }
      send(ctx, file);
    });
  }

  private void send(RoutingContext ctx, File file) {
    ctx.response()
      .putHeader("Content-Type", file.contentType())
      .putHeader("Cache-Control", "no-cache")
      .putHeader("Content-Security-Policy", policy)
      .putHeader("X-Content-Type-Options", "nosniff")
      .putHeader("Referrer-Policy", "no-referrer")
      .end(file.content().copy()); // a written Buffer is released: each reply gets its own
  }
}
