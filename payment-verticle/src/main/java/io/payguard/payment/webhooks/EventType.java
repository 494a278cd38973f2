package io.payguard.payment.webhooks;

import io.payguard.payment.payments.PaymentStatus;

import java.util.Arrays;
import java.util.List;

/** What a webhook can announce: a payment's decision, and its resolution after review. */
public enum EventType {
  APPROVED("payment.approved"), DECLINED("payment.declined"), REVIEW("payment.review");

  public final String wire;

  EventType(String wire) {
    this.wire = wire;
  }

  /** The event a payment's move to {@code status} is announced as. */
  public static EventType of(PaymentStatus status) {
    return switch (status) {
      case APPROVED -> APPROVED;
      case DECLINED -> DECLINED;
      case REVIEW -> REVIEW;
      case PENDING -> throw new IllegalArgumentException("no payment moves to PENDING");
    };
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(t -> t.wire).toList();
  }
}
