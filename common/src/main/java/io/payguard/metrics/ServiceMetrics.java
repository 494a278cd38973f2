package io.payguard.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Metrics of one service, in one place: how its Vert.x instance is created with Micrometer (Prometheus
 * registry, latency histograms, pool and JVM metrics, HTTP series by route template rather than by raw
 * path so ids do not explode the series count), and the registry its own meters go to.
 *
 * <p>Each service has its own registry name, so two services embedded in one JVM (the tests) keep
 * separate registries and closing one Vert.x does not close the other's.
 */
public final class ServiceMetrics {

  /** Registries of services whose Vert.x was created without metrics: their own meters still work. */
  private static final Map<String, PrometheusMeterRegistry> STANDALONE = new ConcurrentHashMap<>();

  private ServiceMetrics() {
  }

  public static MicrometerMetricsOptions options(String service) {
    return new MicrometerMetricsOptions()
      .setEnabled(true)
      .setRegistryName(registryName(service))
      .setJvmMetricsEnabled(true)
      .addLabels(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME)
      // publishQuantiles: timers get histogram buckets, so latency percentiles can be computed in Prometheus.
      .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true).setPublishQuantiles(true));
  }

  public static VertxOptions vertxOptions(String service) {
    return new VertxOptions().setMetricsOptions(options(service));
  }

  /** The registry of {@code service}: the one its Vert.x reports to, or a standalone one without metrics. */
  public static PrometheusMeterRegistry registry(String service) {
    MeterRegistry vertxRegistry = BackendRegistries.getNow(registryName(service));
    if (vertxRegistry instanceof PrometheusMeterRegistry prometheus) {
      return prometheus;
    }
    return STANDALONE.computeIfAbsent(service, s -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  static String registryName(String service) {
    return "payguard-" + service;
  }
}
