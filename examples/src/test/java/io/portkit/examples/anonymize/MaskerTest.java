package io.portkit.examples.anonymize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MaskerTest {

  private static final String KEY = "0123456789abcdef-test-key";
  private final Masker masker = Masker.withKey(KEY);

  @Test
  void mask_sameKeyAndValue_givesSameMask() {
    assertThat(masker.mask(MaskKind.EMAIL, "ada@mail.test"))
        .isEqualTo(Masker.withKey(KEY).mask(MaskKind.EMAIL, "ada@mail.test"));
  }

  @Test
  void mask_differentValuesKeysOrKinds_giveDifferentMasks() {
    String email = masker.mask(MaskKind.EMAIL, "ada@mail.test");
    assertThat(masker.mask(MaskKind.EMAIL, "bob@mail.test")).isNotEqualTo(email);
    assertThat(Masker.withKey("another-key-of-16-bytes").mask(MaskKind.EMAIL, "ada@mail.test"))
        .isNotEqualTo(email);
    assertThat(masker.mask(MaskKind.NAME, "Ada")).isNotEqualTo(masker.mask(MaskKind.NAME, "Bob"));
  }

  @Test
  void mask_eachKind_looksPlausible() {
    assertThat(masker.mask(MaskKind.EMAIL, "ada@mail.test"))
        .matches("user_[0-9a-f]{10}@example\\.invalid");
    assertThat(masker.mask(MaskKind.NAME, "Ada Lindqvist")).matches("Name [0-9a-f]{6}");
    assertThat(masker.mask(MaskKind.PHONE, "+46 70 123 45 67"))
        .matches("\\+1-[2-9][0-9]{2}-555-01[0-9]{2}");
  }

  @Test
  void constructor_shortKey_throwsWithoutEchoingKey() {
    assertThatThrownBy(() -> Masker.withKey("short-secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "masking key must be at least 16 bytes, got 12: use a random secret, for"
                + " example from an environment variable");
  }

  @Test
  void toString_never_showsKey() {
    assertThat(masker.toString()).isEqualTo("Masker[HmacSHA256, key=***]").doesNotContain(KEY);
  }
}
