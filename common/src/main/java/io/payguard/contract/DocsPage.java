package io.payguard.contract;

import io.payguard.http.StaticFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * {@code /docs}: Swagger UI over the service's own contract. Everything the page loads comes from the
 * service (the org.webjars:swagger-ui jar on the classpath), nothing from the internet: a payments
 * network is often closed, and a page that pulls scripts from a CDN would be a supply-chain hole.
 * Only the few assets the page needs are served, read once at start; the webjar's own index.html
 * (which points at the petstore) is not.
 */
public final class DocsPage {

  public static final String PATH = "/docs";
  private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
  private static final String WEBJAR_VERSION = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
  private static final String INITIALIZER = "payguard-docs.js";
  private static final Map<String, String> ASSETS = Map.of(
    "swagger-ui.css", "text/css; charset=utf-8",
    "index.css", "text/css; charset=utf-8",
    "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
    "swagger-ui-standalone-preset.js", "text/javascript; charset=utf-8",
    "favicon-32x32.png", "image/png",
    "favicon-16x16.png", "image/png");

  private static final Map<String, String> CACHED = Map.of("Cache-Control", "public, max-age=3600");

  private final Map<String, StaticFiles.File> assets;
  private final StaticFiles.File page;

  private DocsPage(Map<String, StaticFiles.File> assets) {
    this.assets = assets;
    this.page = StaticFiles.File.of("text/html; charset=utf-8", PAGE);
  }

  /** Reads the assets of the webjar on the classpath; {@code documentPath} is what the page shows. */
  public static Future<DocsPage> load(Vertx vertx, String documentPath) {
    return vertx.fileSystem().readFile(WEBJAR_VERSION).compose(properties -> {
      return StaticFiles.load(vertx, WEBJAR + version(properties) + "/", ASSETS).map(read -> {
        Map<String, StaticFiles.File> assets = new LinkedHashMap<>(read);
        assets.put(INITIALIZER, StaticFiles.File.of("text/javascript; charset=utf-8", initializer(documentPath)));
        return new DocsPage(Map.copyOf(assets));
      });
    });
  }

  public void mount(Router router) {
    router.get(PATH).handler(ctx -> StaticFiles.send(ctx, page, Map.of()));
    router.get(PATH + "/:asset").handler(ctx -> StaticFiles.send(ctx, assets.get(ctx.pathParam("asset")), CACHED));
  }

  private static String version(Buffer properties) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(properties.toString(StandardCharsets.ISO_8859_1)));
    } catch (IOException e) {
      throw new IllegalStateException("unreadable " + WEBJAR_VERSION, e);
    }
    String version = p.getProperty("version");
    if (version == null || !version.matches("[0-9A-Za-z.\\-]+")) {
      throw new IllegalStateException("no swagger-ui version in " + WEBJAR_VERSION);
    }
    return version;
  }

  // validatorUrl: none, or Swagger UI would send the document to validator.swagger.io for a badge.
  private static String initializer(String documentPath) {
    return """
      window.onload = function () {
        window.ui = SwaggerUIBundle({
          url: "%s",
          dom_id: "#swagger-ui",
          deepLinking: true,
          validatorUrl: "none",
          presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
          layout: "BaseLayout"
        });
      };
      """.formatted(documentPath);
  }

  private static final String PAGE = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
      <meta charset="UTF-8">
      <title>payguard API</title>
      <link rel="stylesheet" type="text/css" href="/docs/swagger-ui.css">
      <link rel="stylesheet" type="text/css" href="/docs/index.css">
      <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32">
      <link rel="icon" type="image/png" href="/docs/favicon-16x16.png" sizes="16x16">
    </head>
    <body>
      <div id="swagger-ui"></div>
      <script src="/docs/swagger-ui-bundle.js" charset="UTF-8"></script>
      <script src="/docs/swagger-ui-standalone-preset.js" charset="UTF-8"></script>
      <script src="/docs/payguard-docs.js" charset="UTF-8"></script>
    </body>
    </html>
    """;
}
