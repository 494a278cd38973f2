package io.payguard.overload;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The connection wait is the age of the first request in line, and the shedder names the busiest signal. */
class LoadSignalsTest {

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void theConnectionWaitIsHowLongTheFirstInLineHasWaited() {
    LoadSignals signals = new LoadSignals();
    long now = System.nanoTime();
    assertThat(signals.connectionWaitMs(now)).isZero();

    signals.waiting(now - 600 * MS);
    signals.waiting(now - 20 * MS);
    assertThat(signals.connectionWaitMs(now)).isEqualTo(600);

    signals.served();
    assertThat(signals.connectionWaitMs(now)).isEqualTo(20);
    signals.served();
    assertThat(signals.connectionWaitMs(now)).isZero();
  }

  @Test
  void theShedderWeighsTheConnectionWaitAgainstItsBound() {
    LoadSignals signals = new LoadSignals();
    OverloadConfig.Shedding bounds = OverloadConfig.from(new JsonObject().put("shedding", new JsonObject()
      .put("maxInFlight", 100).put("maxConnectionWaitMs", 500).put("maxEventLoopDelayMs", 500))).shedding();
    LoadShedder shedder = new LoadShedder(signals, bounds, new Refusals(new SimpleMeterRegistry()));
    signals.inFlight().set(10);
    assertThat(shedder.busiest().signal()).isEqualTo("requests in flight");
    assertThat(shedder.busiest().utilisation()).isEqualTo(0.1);

    signals.waiting(System.nanoTime() - 400 * MS);
    LoadShedder.Saturation busiest = shedder.busiest();
    assertThat(busiest.signal()).isEqualTo("connection wait ms");
    assertThat(busiest.utilisation()).isBetween(0.8, 0.9); // reads and other writes shed, payments not yet
    assertThat(busiest.toString()).startsWith("connection wait ms 4").endsWith(" of 500");
  }
}
