package io.payguard.metrics;

import io.vertx.launcher.application.HookContext;
import io.vertx.launcher.application.VertxApplication;
import io.vertx.launcher.application.VertxApplicationHooks;

/**
 * The Vert.x launcher ({@code java -jar <service>.jar -conf ...}, same options) with metrics switched on
 * before Vert.x starts: metrics options can only be given when a Vert.x instance is created, not
 * afterwards by a verticle.
 */
public final class ServiceLauncher implements VertxApplicationHooks {

  private final String service;

  private ServiceLauncher(String service) {
    this.service = service;
  }

  /** Runs the launcher for {@code service} ("payment", "risk"); exits the JVM if the service fails to start. */
  public static void launch(String[] args, String service) {
    new VertxApplication(args, new ServiceLauncher(service)).launch();
  }

  @Override
  public void beforeStartingVertx(HookContext context) {
    context.vertxOptions().setMetricsOptions(ServiceMetrics.options(service));
  }
}
