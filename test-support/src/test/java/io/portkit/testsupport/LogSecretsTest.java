package io.portkit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogSecretsTest {
  private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

  @Test
  void find_knownSecretFromResource_namesKindOnly() {
    assertThat(LogSecrets.find("verifying with hunter2-secret now"))
        .contains("a known test secret");
  }

  @Test
  void find_jwtBearerAndGeneratedSecret_eachRecognised() {
    assertThat(LogSecrets.find("token " + JWT)).contains("a JWT");
    assertThat(LogSecrets.find("Authorization: Bearer abcdef123456")).contains("a bearer token");
    assertThat(LogSecrets.find("secret=Ab3dEfGh1jKlMn0pQrStUv2xYzAb3dEfGh1jKlMn"))
        .contains("a generated client secret");
  }

  @Test
  void find_ordinaryLines_noFinding() {
    assertThat(LogSecrets.find("run r_abc123DEF456ghij: reporting SUCCESS")).isEmpty();
    assertThat(LogSecrets.find("commit 0123456789abcdef0123456789abcdef01234567")).isEmpty();
    assertThat(LogSecrets.find("Authorization: Bearer ***")).isEmpty();
  }

  @Test
  void find_generatedShapeInsideLongerBase64_noFinding() {
    // A Kafka consumer assignment as the broker logs it at debug: Base64, not a secret.
    assertThat(
            LogSecrets.find("\"assignment\":\"AAMAAAABABBvcmdfdGVzdC5yZWRlbGl2ZXIAAAAB/////w==\""))
        .isEmpty();
    assertThat(LogSecrets.find("blob=Ab3dEfGh1jKlMn0pQrStUv2xYzAb3dEfGh1jKlMn+more")).isEmpty();
    assertThat(LogSecrets.find("blob=x+Ab3dEfGh1jKlMn0pQrStUv2xYzAb3dEfGh1jKlMn")).isEmpty();
    // The same 40 characters standing alone, in a path or a JSON string, are still a secret.
    assertThat(LogSecrets.find("/secrets/Ab3dEfGh1jKlMn0pQrStUv2xYzAb3dEfGh1jKlMn"))
        .contains("a generated client secret");
    assertThat(LogSecrets.find("{\"clientSecret\":\"Ab3dEfGh1jKlMn0pQrStUv2xYzAb3dEfGh1jKlMn\"}"))
        .contains("a generated client secret");
  }

  @Test
  void register_newSecret_foundAfterwards() {
    LogSecrets.register("registered-at-runtime-42");

    assertThat(LogSecrets.find("x registered-at-runtime-42 y")).contains("a known test secret");
  }

  @Test
  void register_tooShort_explains() {
    assertThatThrownBy(() -> LogSecrets.register("abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "secret is shorter than 6 characters (3); use a longer test secret so log scanning"
                + " cannot mistake words for it");
  }

  @Test
  void redact_everyKind_replacedByStars() {
    assertThat(LogSecrets.redact("a hunter2-secret b " + JWT + " c Bearer abcdef123456"))
        .isEqualTo("a *** b *** c ***");
  }
}
