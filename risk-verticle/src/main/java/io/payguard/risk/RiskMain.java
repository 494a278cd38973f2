package io.payguard.risk;

import io.payguard.metrics.ServiceLauncher;

/** The jar's entry point: the Vert.x launcher (same options) with the risk service's metrics on. */
public final class RiskMain extends ServiceLauncher {

  private RiskMain(String[] args) {
    super(args, RiskVerticle.SERVICE);
  }

  public static void main(String[] args) {
    new RiskMain(args).start();
  }
}
