package io.payguard.risk;

import io.payguard.metrics.ServiceLauncher;

/** The jar's entry point: the Vert.x launcher (same options) with the risk service's metrics on. */
public final class RiskMain {

  private RiskMain() {
  }

  public static void main(String[] args) {
    ServiceLauncher.launch(args, RiskVerticle.SERVICE);
  }
}
