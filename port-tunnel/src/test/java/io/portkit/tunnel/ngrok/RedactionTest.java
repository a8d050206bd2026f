package io.portkit.tunnel.ngrok;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void sanitize_secretInCause_copiesChainWithMask() {
    Throwable original = new RuntimeException("outer", new IOException("token s3cr3t here"));

    Throwable clean = Redaction.sanitize(original, "s3cr3t");

    assertThat(clean.getMessage()).isEqualTo("java.lang.RuntimeException: outer");
    assertThat(clean.getCause().getMessage()).isEqualTo("java.io.IOException: token *** here");
    assertThat(clean.getStackTrace()).isEqualTo(original.getStackTrace());
  }

  @Test
  void sanitize_noSecret_returnsOriginal() {
    Throwable original = new IOException("nothing to hide");

    assertThat(Redaction.sanitize(original, "s3cr3t")).isSameAs(original);
  }
}
