package io.portkit.examples.anonymize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskingRulesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
      email,           EMAIL
      CUSTOMER_EMAIL,  EMAIL
      contact_e_mail,  EMAIL
      email_address,   EMAIL
      name,            NAME
      FULL_NAME,       NAME
      firstName,       NAME
      last_name,       NAME
      phone,           PHONE
      CONTACT_PHONE,   PHONE
      phone_number,    PHONE
      mobile,          PHONE
      username,        -
      table_name,      -
      phone_verified,  -
      emails_sent,     -
      id,              -
      """)
  void kindFor_defaults_matchPersonalColumnsOnly(String column, MaskKind expected) {
    assertThat(MaskingRules.defaults().kindFor(column)).isEqualTo(Optional.ofNullable(expected));
  }

  @Test
  void with_customRule_appliesAfterExistingOnes() {
    MaskingRules rules =
        MaskingRules.none().with("subject", MaskKind.NAME).with("sub.*", MaskKind.EMAIL);
    assertThat(rules.kindFor("SUBJECT")).contains(MaskKind.NAME);
    assertThat(rules.kindFor("subtitle")).contains(MaskKind.EMAIL);
    assertThat(rules.kindFor("email")).isEmpty();
  }
}
