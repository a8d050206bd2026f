package io.portkit.webhook.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class BodyReaderTest {
  private static ByteArrayInputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(UTF_8));
  }

  @Test
  void readBounded_declaredLengthMatches_returnsBody() throws IOException {
    assertThat(BodyReader.readBounded(stream("{\"a\":1}"), 7, 100))
        .asString(UTF_8)
        .isEqualTo("{\"a\":1}");
  }

  @Test
  void readBounded_emptyDeclaredBody_returnsEmpty() throws IOException {
    assertThat(BodyReader.readBounded(stream(""), 0, 100)).isEmpty();
  }

  @Test
  void readBounded_streamEndsBeforeDeclaredLength_returnsWhatArrived() throws IOException {
    assertThat(BodyReader.readBounded(stream("abc"), 10, 100)).asString(UTF_8).isEqualTo("abc");
  }

  @Test
  void readBounded_streamLongerThanDeclared_readsAllWithinLimit() throws IOException {
    assertThat(BodyReader.readBounded(stream("abcdef"), 3, 100))
        .asString(UTF_8)
        .isEqualTo("abcdef");
  }

  @Test
  void readBounded_streamLongerThanDeclaredAndOverLimit_returnsNullAfterLimitPlusOne()
      throws IOException {
    ByteArrayInputStream in = stream("x".repeat(50));

    assertThat(BodyReader.readBounded(in, 3, 10)).isNull();
    assertThat(in.available()).isEqualTo(50 - 11);
  }

  @Test
  void readBounded_declaredOverLimit_returnsNullWithoutReading() throws IOException {
    ByteArrayInputStream in = stream("x".repeat(50));

    assertThat(BodyReader.readBounded(in, 50, 10)).isNull();
    assertThat(in.available()).isEqualTo(50);
  }

  @Test
  void readBounded_noDeclaredLength_readsUpToLimitAndStopsAtLimitPlusOne() throws IOException {
    assertThat(BodyReader.readBounded(stream("x".repeat(10)), -1, 10)).hasSize(10);
    ByteArrayInputStream over = stream("x".repeat(50));
    assertThat(BodyReader.readBounded(over, -1, 10)).isNull();
    assertThat(over.available()).isEqualTo(50 - 11);
  }
}
