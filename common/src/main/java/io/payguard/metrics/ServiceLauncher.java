package io.payguard.metrics;

import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.launcher.application.VertxApplication;
import io.vertx.launcher.application.VertxApplicationHooks;

/**
 * The Vert.x launcher ({@code java -jar <service>.jar -conf ...}, same options) with metrics switched on
 * before Vert.x starts: metrics options can only be given when a Vert.x instance is created, not
 * afterwards by a verticle. Each service's jar has a subclass as its {@code Main-Class}: the launcher
 * finds {@code Main-Verticle} in the manifest whose {@code Main-Class} is the running class.
 */
public abstract class ServiceLauncher extends VertxApplication implements VertxApplicationHooks {

  private final String service;

  /** {@code service}: "payment" or "risk", which names the metrics registry. */
  protected ServiceLauncher(String[] args, String service) {
    super(args);
    this.service = service;
  }

  @Override
  public VertxBuilder createVertxBuilder(VertxOptions options) {
    return ServiceMetrics.vertxBuilder(service, options);
  }
}
