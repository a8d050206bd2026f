package io.portkit.backend.invocation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.backend.invocation.SecretInputException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretInputsTest {
  static final String SECRET = "portkit-secret-inputs-client-secret-0123456789";
  static final String OLD_SECRET = "portkit-rotated-old-client-secret-9876543210";
  static final String PASSWORD = "hunter2-plaintext-password";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KeyPair RSA = PortStyleEncryption.rsaKeyPair();

  record CopyInputs(List<String> tables, SecretValue sourcePassword) {}

  record Leaky(String sourcePassword) {}

  record Nested(Db db) {}

  record Db(SecretValue password) {}

  private static RunInvocation run(ObjectNode inputs, String... encrypted) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode ctx = body.putObject("port_context").put("runId", "r_1").put("action", "copy");
    var list = ctx.putArray("encryptedProperties");
    for (String e : encrypted) {
      list.add(e);
    }
    body.set("inputs", inputs);
    return new RunInvocationParser().parse(RequestHeaders.empty(), body.toString().getBytes(UTF_8));
  }

  private static RunInvocation password(String value, SecretDecryptor keys) {
    return run(JSON.createObjectNode().put("source_password", value), "source_password")
        .withSecrets(keys);
  }

  @Test
  void aes_roundTripOfPortsDocumentedFormat_decrypts() {
    String encrypted = PortStyleEncryption.aes(SECRET, PASSWORD);

    SecretValue value =
        password(encrypted, SecretDecryptor.ofClientSecret(SECRET))
            .secret("source_password")
            .orElseThrow();

    assertThat(value.reveal()).isEqualTo(PASSWORD);
    assertThat(value.input()).isEqualTo("source_password");
  }

  @Test
  void aes_multiLineAndObjectPlaintexts_decrypt() {
    SecretDecryptor keys = SecretDecryptor.ofClientSecret(SECRET);
    String pem = "-----BEGIN CERT-----\nline one\nline two ü\n-----END CERT-----\n";
    assertThat(keys.decrypt("cert", PortStyleEncryption.aes(SECRET, pem)).reveal()).isEqualTo(pem);

    SecretValue object =
        keys.decrypt("creds", PortStyleEncryption.aes(SECRET, "{\"user\":\"u\",\"token\":\"t\"}"));
    assertThat(object.revealJson().path("token").asText()).isEqualTo("t");
  }

  @Test
  void aes_duringRotation_eachConfiguredSecretIsTried() {
    SecretDecryptor keys =
        SecretDecryptor.builder().addClientSecret(SECRET).addClientSecret(OLD_SECRET).build();

    assertThat(keys.decrypt("p", PortStyleEncryption.aes(OLD_SECRET, PASSWORD)).reveal())
        .isEqualTo(PASSWORD);
  }

  @Test
  void clientSide_roundTrip_decryptsWithThePrivateKeyPem() {
    String encrypted = PortStyleEncryption.clientSide(RSA.getPublic(), PASSWORD);
    SecretDecryptor keys =
        SecretDecryptor.builder().addPrivateKeyPem(PortStyleEncryption.pkcs8Pem(RSA)).build();

    assertThat(keys.decrypt("p", encrypted).reveal()).isEqualTo(PASSWORD);
  }

  @Test
  void clientSide_withClientSecretsToo_decrypts(@TempDir Path dir) throws Exception {
    Path pem = dir.resolve("key.pem");
    Files.writeString(pem, PortStyleEncryption.pkcs8Pem(RSA));
    SecretDecryptor keys =
        SecretDecryptor.builder().addClientSecret(SECRET).addPrivateKeyFile(pem).build();

    assertThat(
            keys.decrypt("p", PortStyleEncryption.clientSide(RSA.getPublic(), PASSWORD)).reveal())
        .isEqualTo(PASSWORD);
    assertThat(keys.decrypt("p", PortStyleEncryption.aes(SECRET, PASSWORD)).reveal())
        .isEqualTo(PASSWORD);
  }

  @Test
  void aes_tamperedWrongKeyTruncatedNotBase64_eachNamesInputAndReason_neverTheValue() {
    String encrypted = PortStyleEncryption.aes(SECRET, PASSWORD);
    SecretDecryptor keys = SecretDecryptor.ofClientSecret(SECRET);

    assertRefused(keys, PortStyleEncryption.tamper(encrypted, 20), Reason.NOT_AUTHENTIC);
    assertRefused(keys, PortStyleEncryption.tamper(encrypted, -1), Reason.NOT_AUTHENTIC);
    assertRefused(SecretDecryptor.ofClientSecret(OLD_SECRET), encrypted, Reason.NOT_AUTHENTIC);
    assertRefused(keys, PortStyleEncryption.truncate(encrypted, 31), Reason.TOO_SHORT);
    assertRefused(
        keys,
        PortStyleEncryption.truncate(encrypted, encrypted.length() / 2),
        Reason.NOT_AUTHENTIC);
    assertRefused(keys, "not base64 at all!", Reason.NOT_BASE64);
    assertRefused(keys, PASSWORD, Reason.NOT_BASE64);
    assertRefused(SecretDecryptor.builder().build(), encrypted, Reason.NO_KEY);
  }

  @Test
  void clientSide_wrongKeyAndTampering_areToldApart() {
    String encrypted = PortStyleEncryption.clientSide(RSA.getPublic(), PASSWORD);
    SecretDecryptor keys = SecretDecryptor.builder().addPrivateKey(RSA.getPrivate()).build();
    SecretDecryptor other =
        SecretDecryptor.builder()
            .addPrivateKey(PortStyleEncryption.rsaKeyPair().getPrivate())
            .build();

    assertRefused(other, encrypted, Reason.WRONG_PRIVATE_KEY);
    assertRefused(keys, PortStyleEncryption.tamper(encrypted, -3), Reason.ALTERED);
    assertRefused(keys, PortStyleEncryption.truncate(encrypted, 100), Reason.TOO_SHORT);
  }

  private static void assertRefused(SecretDecryptor keys, String value, Reason reason) {
    RunInvocation run = password(value, keys);
    assertThatThrownBy(() -> run.secret("source_password"))
        .isInstanceOfSatisfying(
            SecretInputException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.input()).isEqualTo("source_password");
              assertThat(e.getMessage())
                  .startsWith("secret input 'source_password' was not decrypted: ")
                  .contains(reason.description())
                  .doesNotContain(PASSWORD)
                  .doesNotContain(value);
              assertThat(e.getCause()).isNull();
            });
    assertThatThrownBy(() -> run.inputs(CopyInputs.class))
        .isInstanceOfSatisfying(
            SecretInputException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void typedInputs_secretComponent_decrypts_othersBindAsUsual() {
    ObjectNode inputs = JSON.createObjectNode();
    inputs.putArray("tables").add("customers");
    inputs.put("source_password", PortStyleEncryption.aes(SECRET, PASSWORD));

    CopyInputs bound =
        run(inputs, "source_password")
            .withSecrets(SecretDecryptor.ofClientSecret(SECRET))
            .inputs(CopyInputs.class);

    assertThat(bound.tables()).containsExactly("customers");
    assertThat(bound.sourcePassword().reveal()).isEqualTo(PASSWORD);
    assertThat(bound.toString()).doesNotContain(PASSWORD).contains("***");
  }

  @Test
  void typedInputs_missingSecret_isNull_nestedSecret_namesItsPath() {
    SecretDecryptor keys = SecretDecryptor.ofClientSecret(SECRET);
    assertThat(
            run(JSON.createObjectNode())
                .withSecrets(keys)
                .inputs(CopyInputs.class)
                .sourcePassword())
        .isNull();

    ObjectNode inputs = JSON.createObjectNode();
    inputs.putObject("db").put("password", "AAAA");
    assertThatThrownBy(() -> run(inputs).withSecrets(keys).inputs(Nested.class))
        .isInstanceOfSatisfying(
            SecretInputException.class,
            e -> {
              assertThat(e.input()).isEqualTo("db.password");
              assertThat(e.reason()).isEqualTo(Reason.TOO_SHORT);
            });
  }

  @Test
  void typedInputs_encryptedInputIntoAString_isRefused_withoutEchoingTheValue() {
    String encrypted = PortStyleEncryption.aes(SECRET, PASSWORD);
    RunInvocation run = password(encrypted, SecretDecryptor.ofClientSecret(SECRET));

    assertThatThrownBy(() -> run.inputs(Leaky.class))
        .isInstanceOf(InputBindingException.class)
        .hasMessageContaining("input 'source_password' is a secret input")
        .hasMessageContaining("SecretValue")
        .message()
        .doesNotContain(encrypted);
  }

  @Test
  void typedInputs_wrongTypeForASecret_namesTheInput_neverTheValue() {
    ObjectNode inputs = JSON.createObjectNode().put("source_password", 12345678);
    RunInvocation run =
        run(inputs, "source_password").withSecrets(SecretDecryptor.ofClientSecret(SECRET));

    assertThatThrownBy(() -> run.inputs(CopyInputs.class))
        .isInstanceOfSatisfying(
            SecretInputException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.NOT_TEXT);
              assertThat(e.getMessage()).doesNotContain("12345678");
            });
  }

  @Test
  void secretValue_redactedToString_refusedByJackson_notJavaSerializable_destroyable() {
    SecretValue value = SecretValue.of(PASSWORD);
    record Holder(SecretValue secret) implements Serializable {}

    assertThat(value.toString()).isEqualTo("SecretValue[***]");
    assertThat(new Holder(value).toString()).doesNotContain(PASSWORD);
    assertThatThrownBy(() -> JSON.writeValueAsString(new Holder(value)))
        .hasMessageContaining("a SecretValue is never written as JSON")
        .message()
        .doesNotContain(PASSWORD);
    assertThatThrownBy(() -> JSON.valueToTree(value)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(new Holder(value)))
        .isInstanceOf(NotSerializableException.class);

    char[] copy = value.toCharArray();
    assertThat(new String(copy)).isEqualTo(PASSWORD);
    value.destroy();
    assertThat(value.isDestroyed()).isTrue();
    assertThatThrownBy(value::reveal).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void revealJson_ofNonJsonPlaintext_namesTheInput_neverThePlaintext() {
    SecretValue value =
        SecretDecryptor.ofClientSecret(SECRET)
            .decrypt("creds", PortStyleEncryption.aes(SECRET, PASSWORD));

    assertThatThrownBy(value::revealJson)
        .isInstanceOfSatisfying(
            SecretInputException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.NOT_JSON);
              assertThat(e.getMessage()).contains("'creds'").doesNotContain(PASSWORD);
            });
  }

  @Test
  void builder_refusesShortSecretsAndPkcs1_withoutQuotingTheKey() {
    assertThatThrownBy(() -> SecretDecryptor.ofClientSecret("short-secret"))
        .hasMessageContaining("at least 32 bytes")
        .message()
        .doesNotContain("short-secret");
    assertThatThrownBy(
            () ->
                SecretDecryptor.builder()
                    .addPrivateKeyPem(
                        "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
        .hasMessageContaining("PKCS#1");
    assertThatThrownBy(() -> SecretDecryptor.builder().addPrivateKeyFromEnv("PORTKIT_UNSET_VAR_X"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PORTKIT_UNSET_VAR_X");
    assertThat(
            SecretDecryptor.builder()
                .addClientSecret(SECRET)
                .addPrivateKey(RSA.getPrivate())
                .build())
        .hasToString("SecretDecryptor[clientSecrets=1, privateKeys=1]");
  }

  @Test
  void parser_readsEncryptedPropertiesAndEvent() {
    RunInvocation run = run(JSON.createObjectNode(), "a", "b");
    assertThat(run.encryptedProperties()).containsExactly("a", "b");
    assertThat(run.isAutomation()).isFalse();
  }
}
