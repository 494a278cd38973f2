package io.payguard.testsupport;

/** Where the test PostgreSQL and Kafka are, and the credentials of the two service roles. */
public record Infrastructure(String pgHost, int pgPort, String database, String adminJdbcUrl,
                             String adminUser, String adminPassword,
                             String paymentPassword, String riskPassword, String kafkaBootstrap) {

  @Override
  public String toString() {
    return "Infrastructure[pg=" + pgHost + ":" + pgPort + "/" + database + ", kafka=" + kafkaBootstrap + "]";
  }
}
