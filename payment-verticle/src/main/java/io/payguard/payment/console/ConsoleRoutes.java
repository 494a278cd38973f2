package io.payguard.payment.console;

import io.payguard.http.StaticFiles;
import io.payguard.json.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

import java.util.LinkedHashMap;
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
  private static final Map<String, String> FILES = Map.of(
    "index.html", "text/html; charset=utf-8",
    "console.js", "text/javascript; charset=utf-8",
    "console.css", "text/css; charset=utf-8");

  private final Map<String, StaticFiles.File> files;
  private final Map<String, String> headers;

  private ConsoleRoutes(Map<String, StaticFiles.File> files, Map<String, String> headers) {
    this.files = files;
    this.headers = headers;
  }

  /** Reads the console's files from the classpath, once. */
  public static Future<ConsoleRoutes> load(Vertx vertx, ConsoleConfig config) {
    return StaticFiles.load(vertx, "console/", FILES).map(read -> {
      Map<String, StaticFiles.File> files = new LinkedHashMap<>(read);
      files.put("config.json", StaticFiles.File.of("application/json",
        Json.string(Map.of("riskUrl", config.riskUrl()))));
      String policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
        + " connect-src 'self' " + config.riskUrl() + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
      return new ConsoleRoutes(Map.copyOf(files), Map.of("Cache-Control", "no-cache", "Content-Security-Policy", policy,
        "X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer"));
    });
  }

  public void mount(Router router) {
    router.get(PATH).handler(ctx -> StaticFiles.send(ctx, files.get("index.html"), headers));
    router.get(PATH + "/:file").handler(ctx -> StaticFiles.send(ctx, files.get(ctx.pathParam("file")), headers));
  }
}
