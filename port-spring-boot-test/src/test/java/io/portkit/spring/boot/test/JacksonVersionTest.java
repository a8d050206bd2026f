package io.portkit.spring.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.cfg.PackageVersion;
import org.junit.jupiter.api.Test;

/** Says which Jackson 2 the suite ran on: the floor execution must really run the floor. */
class JacksonVersionTest {
  @Test
  void jacksonOnTheClasspath_isTheOneThisExecutionClaims() {
    String expected = System.getProperty("portkit.expect.jackson", "2.21");
    assertThat(PackageVersion.VERSION.toString()).startsWith(expected);
    assertThat(com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString())
        .startsWith(expected);
  }
}
