package io.payguard.testsupport;

import io.payguard.stack.Ports;
import io.vertx.core.Deployable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;
import java.util.function.Function;

/**
 * One service deployed for a test class on the shared test stack: started before the class's first test,
 * closed after its last.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RunningService service = RunningService.of("payment", PaymentVerticle::new);
 * private static final ApiClient api = service.api();
 * }</pre>
 * Its port is chosen up front, so its client can be made before it starts.
 */
public final class RunningService implements BeforeAllCallback, AfterAllCallback {

  private final String name;
  private final Function<Map<String, String>, Deployable> verticle;
  private final Map<String, String> env;
  private final int port = Ports.free();
  private Services.Running running;

  private RunningService(String name, Function<Map<String, String>, Deployable> verticle, Map<String, String> env) {
    this.name = name;
    this.verticle = verticle;
    this.env = Map.copyOf(env);
  }

  /** {@code name}: "payment" or "risk"; {@code verticle} makes its main verticle from the environment. */
  public static RunningService of(String name, Function<Map<String, String>, Deployable> verticle) {
    return of(name, verticle, Map.of());
  }

  /** As {@link #of(String, Function)}, with more (or other) environment overrides. */
  public static RunningService of(String name, Function<Map<String, String>, Deployable> verticle,
                                  Map<String, String> env) {
    return new RunningService(name, verticle, env);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** A client of this service with the test API key. */
  public ApiClient api() {
    return new ApiClient(baseUrl());
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    running = Services.start(TestStack.shared(), name, verticle, env, port);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (running != null) {
      running.close();
      running = null;
    }
  }
}
