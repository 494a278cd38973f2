package io.payguard.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.dns.AddressResolverOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.DoubleStream;

/**
 * Metrics of one service, in one place: how its Vert.x instance is created with Micrometer (Prometheus
 * registry, latency histograms with fixed buckets, pool and JVM metrics, HTTP series by route template rather than by raw
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

  /**
   * Latency buckets of every timer, in milliseconds, from half a millisecond to ten seconds: enough to compute p50..p99.9
   * in Prometheus, a dozen series per histogram instead of Micrometer's ~270 (a scrape stays small).
   */
  /** How long a resolved host address is trusted (see {@link #vertxBuilder}). */
  static final int DNS_CACHE_SECONDS = 5;

  static final double[] LATENCY_BUCKETS_MS = {0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000};

  public static MicrometerMetricsOptions options(String service) {
    return new MicrometerMetricsOptions()
      .setEnabled(true)
      .setRegistryName(registryName(service))
      .setJvmMetricsEnabled(true)
      .addLabels(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME)
      .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
  }

  /** A Prometheus registry whose timers publish {@link #LATENCY_BUCKETS_MS} as histogram buckets. */
  static PrometheusMeterRegistry newRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() != Meter.Type.TIMER) {
          return config;
        }
        return DistributionStatisticConfig.builder()
          .serviceLevelObjectives(DoubleStream.of(LATENCY_BUCKETS_MS).map(ms -> ms * 1_000_000).toArray())
          .build().merge(config);
      }
    });
    return registry;
  }

  /**
   * How a service's Vert.x is built: {@code options} with its metrics switched on, reporting to a
   * registry made by {@link #newRegistry()}, and host names resolved again every few seconds: a database or
   * broker container that restarts may come back at another address (measured: PostgreSQL restarted by
   * the engine came back at a new one, and the payment service kept dialling the old one for minutes).
   */
  public static VertxBuilder vertxBuilder(String service, VertxOptions options) {
    options.setAddressResolverOptions(new AddressResolverOptions().setCacheMaxTimeToLive(DNS_CACHE_SECONDS));
    return Vertx.builder().with(options.setMetricsOptions(options(service)))
      .withMetrics(new MicrometerMetricsFactory(newRegistry()));
  }

  /** The registry of {@code service}: the one its Vert.x reports to, or a standalone one without metrics. */
  public static PrometheusMeterRegistry registry(String service) {
    MeterRegistry vertxRegistry = BackendRegistries.getNow(registryName(service));
    if (vertxRegistry instanceof PrometheusMeterRegistry prometheus) {
      return prometheus;
    }
    return STANDALONE.computeIfAbsent(service, s -> newRegistry());
  }

  static String registryName(String service) {
    return "payguard-" + service;
  }
}
