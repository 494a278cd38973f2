package io.payguard.system;

import io.payguard.stack.DatabaseBootstrap;
import io.payguard.testsupport.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * {@link ReplayScenario} on processes: two risk instances in one group on the embedded servers, one
 * partition held back, a burst of 1,200 payments; replaying the rules in force changes nothing.
 */
class ReplayIT {

  private static final int PARTITIONS = 6;
  private static ChaosStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = new ChaosStack(1, 2);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void replayingTheRulesInForceReproducesEveryScoreAfterConcurrentAndOutOfOrderTraffic() throws Exception {
    new ReplayScenario(new ApiClient(stack.payment(0).baseUrl()), new ApiClient(stack.risk(0).baseUrl()),
      Map.of("bootstrap.servers", stack.kafka().bootstrapServers()), PARTITIONS,
      () -> stack.postgres().adminConnection(DatabaseBootstrap.DATABASE)).runAndReplay(1_200);
  }
}
