package io.payguard.payment;

import io.payguard.metrics.ServiceLauncher;

/** The jar's entry point: the Vert.x launcher (same options) with the payment service's metrics on. */
public final class PaymentMain {

  private PaymentMain() {
  }

  public static void main(String[] args) {
    ServiceLauncher.launch(args, PaymentVerticle.SERVICE);
  }
}
