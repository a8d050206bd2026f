package io.portkit.examples.anonymize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcUrlsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      jdbc:postgresql://db:5432/shop                               | jdbc:postgresql://db:5432/shop
      jdbc:postgresql://app:s3cret@db/shop?password=x&ssl=true     | jdbc:postgresql://db/shop?ssl=true
      jdbc:postgresql://db/shop?user=app&password=s3cret           | jdbc:postgresql://db/shop
      jdbc:postgresql://db/shop?ssl=true&password=s3cret&a=b       | jdbc:postgresql://db/shop?ssl=true&a=b
      jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1;USER=sa;PASSWORD=s3cret   | jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1
      jdbc:sqlserver://db;user=app;password=s3cret;encrypt=true    | jdbc:sqlserver://db;encrypt=true
      """)
  void redact_credentials_areRemoved(String url, String expected) {
    assertThat(JdbcUrls.redact(url)).isEqualTo(expected).doesNotContain("s3cret");
  }
}
