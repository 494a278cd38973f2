package io.payguard.bench.load;

import io.payguard.bench.cli.Args;
import java.time.Duration;

/** Reads a {@link LoadPlan} from the options every HTTP scenario shares. */
public final class Plans {

  private Plans() {
  }

  public static LoadPlan from(Args args) {
    LoadPlan.Model model = LoadPlan.Model.valueOf(args.string("model", "open").toUpperCase());
    // Open model: enough connections that the pool is not the bottleneck (a queued request still counts
    // from its intended time). Closed model: the connection count IS the concurrency.
    int connections = args.integer("connections", model == LoadPlan.Model.OPEN ? 128 : 16);
    return new LoadPlan(model, args.decimal("rate", model == LoadPlan.Model.OPEN ? 250 : 0), connections,
      args.duration("warmup", Duration.ofSeconds(5)), args.duration("duration", Duration.ofSeconds(20)),
      args.duration("timeout", Duration.ofSeconds(10)));
  }
}
