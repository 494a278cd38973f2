package io.payguard.events;

/** Kafka topic names: the contract between the services. */
public final class Topics {

  public static final String PAYMENT_REQUEST = "payment_request";
  public static final String PAYMENT_REQUEST_DLQ = "payment_request.dlq";
  public static final String RISK_ASSESSMENT = "risk_assessment";
  public static final String RISK_ASSESSMENT_DLQ = "risk_assessment.dlq";

  private Topics() {
  }
}
