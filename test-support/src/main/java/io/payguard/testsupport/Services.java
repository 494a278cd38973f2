package io.payguard.testsupport;

import io.payguard.metrics.ServiceMetrics;
import io.payguard.stack.Ports;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Deploys a service's main verticle in its own Vert.x instance, configured like the launcher does:
 * the committed {@code conf/<service>.json}, with the test stack's addresses and secrets as environment
 * overrides.
 */
public final class Services {

  private Services() {
  }

  /** A deployed service; closing it undeploys it gracefully and closes its Vert.x. */
  public record Running(Vertx vertx, String baseUrl) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  public static Running start(TestStack stack, String service,
                              Function<Map<String, String>, Deployable> verticle) throws Exception {
    return start(stack, service, verticle, Map.of());
  }

  /** As {@link #start(TestStack, String, Function)}, with more (or other) environment overrides. */
  public static Running start(TestStack stack, String service, Function<Map<String, String>, Deployable> verticle,
                              Map<String, String> moreEnv) throws Exception {
    return start(stack, service, verticle, moreEnv, Ports.free());
  }

  /** As {@link #start(TestStack, String, Function, Map)}, listening on {@code port}. */
  public static Running start(TestStack stack, String service, Function<Map<String, String>, Deployable> verticle,
                       Map<String, String> moreEnv, int port) throws Exception {
    Map<String, String> env = new java.util.HashMap<>(stack.serviceEnvironment(service, port));
    env.putAll(moreEnv);
    // As the launcher does (ServiceLauncher): metrics are only switched on when Vert.x is created.
    Vertx vertx = ServiceMetrics.vertxBuilder(service, new VertxOptions()).build();
    try {
      vertx.deployVerticle(verticle.apply(env), new DeploymentOptions().setConfig(config(service)))
        .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
    return new Running(vertx, "http://127.0.0.1:" + port);
  }

  static JsonObject config(String service) throws IOException {
    return new JsonObject(Files.readString(projectRoot().resolve("conf").resolve(service + ".json")));
  }

  /** The repository root, found from the module directory Maven runs the tests in. */
  public static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("conf"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no conf/ directory above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
