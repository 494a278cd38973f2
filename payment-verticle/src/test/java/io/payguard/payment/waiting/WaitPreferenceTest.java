package io.payguard.payment.waiting;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class WaitPreferenceTest {

  @Test
  void readsTheWaitPreferenceAsRfc7240WritesIt() {
    assertThat(WaitPreference.seconds("wait=5")).hasValue(5);
    assertThat(WaitPreference.seconds(" WAIT = 7 ")).hasValue(7);
    assertThat(WaitPreference.seconds("wait=\"3\"")).hasValue(3);
    assertThat(WaitPreference.seconds("wait=4; foo=bar")).hasValue(4);
    assertThat(WaitPreference.seconds("wait=0")).hasValue(0);
  }

  @Test
  void ignoresWhatIsNotAWaitInSeconds() {
    for (String preference : new String[] {"respond-async", "wait", "wait=", "wait=soon", "wait=-1", "wait=1.5",
      "wait=9999999999", "waiting=3", "return=minimal", "wait=\""}) {
      assertThat(WaitPreference.seconds(preference)).as(preference).isEqualTo(OptionalInt.empty());
    }
  }
}
