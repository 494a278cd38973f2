package io.payguard.payment;

import io.payguard.metrics.ServiceLauncher;

/** The jar's entry point: the Vert.x launcher (same options) with the payment service's metrics on. */
public final class PaymentMain extends ServiceLauncher {

  private PaymentMain(String[] args) {
    super(args, PaymentVerticle.SERVICE);
  }

  public static void main(String[] args) {
    new PaymentMain(args).start();
  }
}
