package io.payguard.payment.webhooks;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SignaturesTest {

  @Test
  void aSignatureIsTheHmacOfTheTimestampAndBodyAndVerifiesOnlyUnchangedAndInTime() {
    // Known answer: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
    assertThat(Signatures.sign("whsec_test", 1_700_000_000L, "{\"a\":1}"))
      .isEqualTo(KNOWN);
    String header = Signatures.header(1_700_000_000L, "{\"a\":1}", List.of("whsec_test", "whsec_old"));
    assertThat(header).startsWith("t=1700000000,v1=" + KNOWN + ",v1=");
    assertThat(Signatures.verify(header, "{\"a\":1}", "whsec_test", 1_700_000_100L, 300)).isTrue();
    assertThat(Signatures.verify(header, "{\"a\":1}", "whsec_old", 1_700_000_100L, 300)).isTrue();
    assertThat(Signatures.verify(header, "{\"a\":2}", "whsec_test", 1_700_000_100L, 300)).isFalse();
    assertThat(Signatures.verify(header, "{\"a\":1}", "whsec_other", 1_700_000_100L, 300)).isFalse();
    assertThat(Signatures.verify(header, "{\"a\":1}", "whsec_test", 1_700_000_301L, 300)).isFalse();
    assertThat(Signatures.verify("v1=" + KNOWN, "{\"a\":1}", "whsec_test", 1_700_000_000L, 300)).isFalse();
    assertThat(Signatures.newSecret()).startsWith("whsec_").hasSize(6 + 43).isNotEqualTo(Signatures.newSecret());
  }

  private static final String KNOWN = "38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789";
}
