package io.payguard.testsupport;

/**
 * Where the test PostgreSQL and Kafka are: the superuser for assertions, and the login of each service's
 * role (which can only use its own schema).
 */
public record Infrastructure(String pgHost, int pgPort, String database, String adminJdbcUrl,
                             String adminUser, String adminPassword,
                             String paymentUser, String paymentPassword,
                             String riskUser, String riskPassword,
                             String kafkaBootstrap) {

  /** JDBC URL of the payguard database without credentials (pass a role's user and password). */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database;
  }

  @Override
  public String toString() {
    return "Infrastructure[pg=" + pgHost + ":" + pgPort + "/" + database + ", kafka=" + kafkaBootstrap + "]";
  }
}
