package io.portkit.webhook.hardening;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Validly signed bodies that must still be refused (400): they get past the signature and exercise
 * the parser. Deterministic for a given {@link Random}.
 */
final class BodyCases {
  static final String SECRET = "hardening-secret-0123456789";
  static final String TS = "1713277889";

  /** JSON values of every type except a non-blank string: none of them is a run id. */
  private static final String[] NOT_A_RUN_ID = {
    "1",
    "-7",
    "3.5",
    "1e999999999",
    "true",
    "false",
    "null",
    "[]",
    "[\"r_1\"]",
    "{}",
    "{\"runId\":7}",
    "\"\"",
    "\"   \"",
    "\"\\t\"",
    "123456789012345678901234567890"
  };

  /** Run ids that are strings but not ids: too long, or with characters no id has. */
  private static final String[] BAD_RUN_ID_TEXT = {
    "r_1 2",
    "r_1\\n",
    "r_\\u0000",
    "r_\\u00e9",
    "\\u202er_1",
    "r_1/../x",
    "r_1?x=1",
    "r_1#x",
    "r_%2F"
  };

  static final String RUN_ID_RULE = "the run id must be 1 to 256 characters";

  private final Random random;
  private final byte[] recommended = fixture("recommended-template.json");
  private final byte[] legacy = fixture("legacy-envelope.json");

  BodyCases(Random random) {
    this.random = random;
  }

  List<BadRequest> all() {
    List<BadRequest> cases = new ArrayList<>();
    randomBytes(cases, 250);
    truncated(cases, 200);
    wrongTypes(cases, 200);
    invalidUtf8(cases, 120);
    deep(cases);
    huge(cases);
    return cases;
  }

  private void randomBytes(List<BadRequest> cases, int n) {
    for (int i = 0; i < n; i++) {
      byte[] body = new byte[random.nextInt(4096)];
      random.nextBytes(body);
      if (body.length > 0 && body[0] == '{') {
        body[0] = '!'; // keep it from accidentally being a JSON object with a run id
      }
      cases.add(
          BadRequest.of(
              "random bytes #" + i + " (" + body.length + " B)",
              signed(body),
              400,
              "bad_request",
              ""));
    }
  }

  private void truncated(List<BadRequest> cases, int n) {
    for (int i = 0; i < n; i++) {
      byte[] source = random.nextBoolean() ? recommended : legacy;
      int cut = 1 + random.nextInt(source.length - 2);
      byte[] body = java.util.Arrays.copyOf(source, cut);
      cases.add(BadRequest.of400("truncated at " + cut + " of " + source.length, signed(body)));
    }
  }

  private void wrongTypes(List<BadRequest> cases, int n) {
    for (int i = 0; i < n; i++) {
      String body;
      switch (i % 4) {
        case 0 ->
            body =
                "{\"port_context\":{\"runId\":"
                    + any()
                    + ",\"action\":"
                    + any()
                    + ",\"blueprint\":"
                    + any()
                    + ",\"entity\":"
                    + any()
                    + ",\"trigger\":"
                    + any()
                    + "},\"inputs\":"
                    + any()
                    + ",\"entity\":"
                    + any()
                    + "}";
        case 1 ->
            body =
                "{\"action\":"
                    + any()
                    + ",\"resourceType\":"
                    + any()
                    + ",\"context\":{"
                    + "\"runId\":"
                    + any()
                    + ",\"entity\":"
                    + any()
                    + ",\"blueprint\":"
                    + any()
                    + "},\"payload\":{\"entity\":"
                    + any()
                    + ",\"action\":"
                    + any()
                    + ",\"properties\":"
                    + any()
                    + "},\"trigger\":"
                    + any()
                    + "}";
        case 2 ->
            body =
                "{\"port_context\":"
                    + any()
                    + ",\"context\":"
                    + any()
                    + ",\"runId\":"
                    + any()
                    + ",\"run_id\":"
                    + any()
                    + ",\"payload\":"
                    + any()
                    + "}";
        default ->
            body =
                "{\"runId\":"
                    + any()
                    + ",\"run_id\":"
                    + any()
                    + ",\"inputs\":"
                    + any()
                    + ",\"trigger\":"
                    + any()
                    + "}";
      }
      cases.add(BadRequest.noRunId("wrong types #" + i + ": " + shorten(body), signed(body)));
    }
    for (String id : BAD_RUN_ID_TEXT) {
      String body = "{\"port_context\":{\"runId\":\"" + id + "\"}}";
      cases.add(BadRequest.of("run id text " + id, signed(body), 400, "bad_request", RUN_ID_RULE));
    }
  }

  private String any() {
    return NOT_A_RUN_ID[random.nextInt(NOT_A_RUN_ID.length)];
  }

  private void invalidUtf8(List<BadRequest> cases, int n) {
    byte[][] sequences = {
      {(byte) 0xC3, 0x28},
      {(byte) 0xFF},
      {(byte) 0xFE},
      {(byte) 0xC0, (byte) 0xAF},
      {(byte) 0xC1, (byte) 0x81},
      {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xE2, (byte) 0x82},
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      {(byte) 0xF8, (byte) 0x88, (byte) 0x80},
      {(byte) 0x80},
      {0x00}
    };
    for (int i = 0; i < n; i++) {
      byte[] seq = sequences[i % sequences.length];
      byte[] source = i % 2 == 0 ? recommended : legacy;
      // Inside the run id string, where a lenient decoder would turn C1 81 into a valid 'A'.
      String head = "{\"port_context\":{\"runId\":\"r_";
      byte[] body =
          i % 3 == 0
              ? concat(head.getBytes(UTF_8), seq, "\"}}".getBytes(UTF_8))
              : insertIntoString(source, seq);
      cases.add(
          BadRequest.of(
              "invalid UTF-8 " + hex(seq) + " #" + i,
              signed(body),
              400,
              "bad_request",
              "body is not valid UTF-8"));
    }
  }

  private byte[] insertIntoString(byte[] source, byte[] seq) {
    // After the opening quote of a random string value (a quote preceded by ':').
    List<Integer> starts = new ArrayList<>();
    for (int i = 1; i < source.length; i++) {
      if (source[i] == '"' && source[i - 1] == ':') {
        starts.add(i + 1);
      }
    }
    int at = starts.isEmpty() ? 1 : starts.get(random.nextInt(starts.size()));
    return concat(
        java.util.Arrays.copyOf(source, at),
        seq,
        java.util.Arrays.copyOfRange(source, at, source.length));
  }

  private void deep(List<BadRequest> cases) {
    int[] depths = {65, 100, 1_000, 10_000, 30_000, 50_000};
    for (int depth : depths) {
      cases.add(BadRequest.tooBig("nested arrays " + depth, signed(nested("[", "]", depth, ""))));
      cases.add(
          BadRequest.tooBig(
              "nested objects " + depth,
              signed(nested("{\"a\":", "}", Math.min(depth, 30_000), "1"))));
      String wrapped =
          "{\"port_context\":{\"runId\":\"r_1\"},\"inputs\":" + nested("[", "]", depth, "") + "}";
      cases.add(BadRequest.tooBig("run id beside nested " + depth, signed(wrapped)));
      String open = nested("[", "]", depth, "").substring(0, depth);
      cases.add(BadRequest.tooBig("unclosed nesting " + depth, signed(open)));
      // Unsigned: the agent fallback re-parses bodies that miss raw, and is bounded too.
      cases.add(
          BadRequest.unauthorized(
              "unsigned nested " + depth,
              Wire.post("/")
                  .json()
                  .body(wrapped)
                  .header("X-Port-Timestamp", TS)
                  .header("X-Port-Signature", "v1,AAAA"),
              "x-port-signature does not match"));
    }
  }

  private void huge(List<BadRequest> cases) {
    for (int len : new int[] {257, 4_096, 100_000, 200_000}) {
      String body = "{\"port_context\":{\"runId\":\"r_" + "x".repeat(len) + "\"}}";
      cases.add(
          BadRequest.of(
              "run id of " + len + " chars", signed(body), 400, "bad_request", RUN_ID_RULE));
      Wire header = signedWith("{}", "RUN_ID", "r_" + "y".repeat(len));
      cases.add(
          len < 32 * 1024
              ? BadRequest.of(
                  "RUN_ID header of " + len + " chars", header, 400, "bad_request", RUN_ID_RULE)
              // Past the JDK server's header bound (32 KiB, JdkHttpServerDefaults).
              : BadRequest.closed("RUN_ID header of " + len + " chars", header));
    }
    for (int digits : new int[] {1_001, 5_000, 100_000}) {
      String number = "9".repeat(digits);
      cases.add(
          BadRequest.tooBig(
              digits + "-digit integer",
              signed("{\"port_context\":{\"runId\":\"r_1\"},\"inputs\":{\"n\":" + number + "}}")));
      cases.add(
          BadRequest.tooBig(
              digits + "-digit decimal",
              signed("{\"port_context\":{\"runId\":\"r_1\"},\"n\":0." + number + "}")));
    }
    for (int len : new int[] {50_001, 150_000}) {
      cases.add(
          BadRequest.tooBig(
              len + "-char field name",
              signed("{\"port_context\":{\"runId\":\"r_1\"},\"" + "k".repeat(len) + "\":1}")));
    }
    String manyKeys = "{" + "\"k\":1,".repeat(30_000) + "\"port_context\":{\"runId\":7}}";
    cases.add(
        BadRequest.of(
            "30000 repeated keys",
            signed(manyKeys),
            400,
            "bad_request",
            "body has the key 'k' twice in one object"));
    cases.add(
        BadRequest.of(
            "two run ids in one object",
            signed("{\"port_context\":{\"runId\":\"r_a\",\"runId\":\"r_b\"}}"),
            400,
            "bad_request",
            "body has the key 'runId' twice in one object"));
  }

  static Wire signed(String body) {
    return signed(body.getBytes(UTF_8));
  }

  static Wire signed(byte[] body) {
    return Wire.post("/").json().body(body).signed(SECRET, TS);
  }

  private static Wire signedWith(String body, String header, String value) {
    return Wire.post("/").json().header(header, value).body(body).signed(SECRET, TS);
  }

  private static String nested(String open, String close, int depth, String core) {
    return open.repeat(depth) + core + close.repeat(depth);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      s.append(String.format("%02X", b & 0xff));
    }
    return s.toString();
  }

  private static String shorten(String s) {
    return s.length() <= 120 ? s : s.substring(0, 120) + "...";
  }

  static byte[] fixture(String name) {
    try (InputStream in = BodyCases.class.getResourceAsStream("/fixtures/webhook/" + name)) {
      return new String(in.readAllBytes(), UTF_8).strip().getBytes(UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
