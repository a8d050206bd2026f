package io.portkit.backend.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SignerTest {
  @Test
  void sign_portDocumentedRecipe_matchesKnownVector() {
    String body = "{\"port_context\":{\"runId\":\"r_QOz6WoOB1Q2lmhZZ\"}}";

    String signature = Signer.withSecret("test-secret").sign(1713277889L, body);

    assertThat(signature).isEqualTo("v1,3PeZSTRLxpTx16HqnAauHYCHGKH9oK5QERcq6RBqZKg=");
  }

  @Test
  void sign_differentBody_givesDifferentSignature() {
    Signer signer = Signer.withSecret("test-secret");

    assertThat(signer.sign(1713277889L, "{}")).isNotEqualTo(signer.sign(1713277889L, "{ }"));
  }

  @Test
  void withSecret_empty_throwsNamingTheFix() {
    assertThatThrownBy(() -> Signer.withSecret(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secret is empty: pass the Port client secret");
  }

  @Test
  void toString_neverShowsSecret() {
    assertThat(Signer.withSecret("hunter2-secret").toString()).doesNotContain("hunter2");
  }
}
