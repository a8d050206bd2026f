package io.portkit.backend.invocation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {
  @Test
  void firstInvalid_asciiOfEveryLength_isValid() {
    for (int n = 0; n <= 40; n++) {
      assertThat(Utf8.firstInvalid("x".repeat(n).getBytes(UTF_8))).as("length %d", n).isEqualTo(-1);
    }
  }

  @Test
  void firstInvalid_nulAtEveryOffset_reportsThatOffset() {
    for (int n = 1; n <= 33; n++) {
      for (int at = 0; at < n; at++) {
        byte[] bytes = "a".repeat(n).getBytes(UTF_8);
        bytes[at] = 0;
        assertThat(Utf8.firstInvalid(bytes)).as("NUL at %d of %d", at, n).isEqualTo(at);
      }
    }
  }

  @Test
  void firstInvalid_multiByteAfterAsciiBlocks_validAndBrokenFormsFound() {
    byte[] valid = ("0123456789abcdef" + "é€😀" + "tail").getBytes(UTF_8);
    byte[] overlong =
        concat("0123456789abcdef".getBytes(UTF_8), new byte[] {(byte) 0xC1, (byte) 0x81});

    assertThat(Utf8.firstInvalid(valid)).isEqualTo(-1);
    assertThat(Utf8.firstInvalid(overlong)).isEqualTo(16);
  }

  @Test
  void firstInvalid_randomBytes_agreesWithStrictJdkDecoder() {
    long seed = 20261127L;
    Random random = new Random(seed);
    byte[][] pieces = {
      "ab".getBytes(UTF_8),
      "{\"k\":1}".getBytes(UTF_8),
      "é".getBytes(UTF_8),
      "€".getBytes(UTF_8),
      "😀".getBytes(UTF_8),
      {(byte) 0x80},
      {(byte) 0xC0, (byte) 0xAF},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      {(byte) 0xE2, (byte) 0x82},
      {0},
      "01234567".getBytes(UTF_8)
    };
    for (int round = 0; round < 20_000; round++) {
      byte[] bytes = new byte[0];
      int count = random.nextInt(8);
      for (int k = 0; k < count; k++) {
        bytes = concat(bytes, pieces[random.nextInt(pieces.length)]);
      }
      boolean strictlyValid = strictlyDecodes(bytes) && indexOfNul(bytes) < 0;
      assertThat(Utf8.firstInvalid(bytes) == -1)
          .as("seed %d round %d", seed, round)
          .isEqualTo(strictlyValid);
    }
  }

  private static boolean strictlyDecodes(byte[] bytes) {
    try {
      UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static int indexOfNul(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
