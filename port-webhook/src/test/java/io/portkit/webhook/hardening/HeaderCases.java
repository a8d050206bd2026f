package io.portkit.webhook.hardening;

import static io.portkit.webhook.hardening.BodyCases.SECRET;
import static io.portkit.webhook.hardening.BodyCases.TS;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.portkit.webhook.hardening.Wire.Framing;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Requests that are refused before the body is parsed: bad timestamps and signatures, missing,
 * repeated and oversized headers, bad framing, bodies over the limit, wrong media types and routes.
 * Deterministic for a given {@link Random}.
 */
final class HeaderCases {
  static final String BODY = "{\"port_context\":{\"runId\":\"r_QOz6WoOB1Q2lmhZZ\"}}";
  private static final String NOT_EPOCH = "x-port-timestamp must be whole epoch seconds";
  private static final String SKEW = "x-port-timestamp is ";
  private static final String MISMATCH = "x-port-signature does not match";

  private final Random random;
  private final int limit;

  HeaderCases(Random random, int limit) {
    this.random = random;
    this.limit = limit;
  }

  List<BadRequest> all() {
    List<BadRequest> cases = new ArrayList<>();
    timestamps(cases);
    signatures(cases, 120);
    headers(cases);
    framing(cases);
    overLimit(cases);
    routes(cases);
    return cases;
  }

  private void timestamps(List<BadRequest> cases) {
    String[] malformed = {
      "abc",
      "",
      " ",
      "1713277889.5",
      "0x66200000",
      "1e9",
      "1_713_277_889",
      "17132778８9",
      "9223372036854775808",
      "-9223372036854775809",
      "99999999999999999999999999",
      "9223372036854775807",
      "-9223372036854775808",
      "31556889864403200",
      "1713277889 1",
      "１７１３２７７８８９"
    };
    for (String ts : malformed) {
      BadRequest c =
          ts.isBlank()
              ? BadRequest.unauthorized(
                  "timestamp '" + ts + "'", signedAt(ts), "missing x-port-timestamp")
              : BadRequest.unauthorized("timestamp '" + ts + "'", signedAt(ts), NOT_EPOCH);
      cases.add(c);
    }
    long ts = Long.parseLong(TS);
    long[] skewed = {
      -1,
      0,
      -ts,
      ts - 301,
      ts + 301,
      ts + 86_400L * 365 * 1000,
      31556889864403199L,
      -31557014167219200L,
      ts - 3600,
      ts + 3600
    };
    for (long t : skewed) {
      cases.add(BadRequest.unauthorized("timestamp " + t, signedAt(Long.toString(t)), SKEW));
    }
    for (int i = 0; i < 30; i++) {
      long offset = (301 + random.nextInt(1_000_000)) * (random.nextBoolean() ? 1L : -1L);
      cases.add(
          BadRequest.unauthorized(
              "random skew " + offset, signedAt(Long.toString(ts + offset)), SKEW));
    }
  }

  private static Wire signedAt(String ts) {
    return Wire.post("/").json().body(BODY).signed(SECRET, ts);
  }

  private void signatures(List<BadRequest> cases, int randomCount) {
    String good = Wire.hmac(SECRET, TS, BODY.getBytes(UTF_8));
    String[][] fixed = {
      {"not base64", "v1,!!!not*base64!!!", MISMATCH},
      {"empty after comma", "v1,", MISMATCH},
      {"padding only", "v1,====", MISMATCH},
      {"truncated digest", "v1," + good.substring(0, 20), MISMATCH},
      {"digest with a flipped char", "v1," + flip(good), MISMATCH},
      {"hex digest", "v1," + "ab".repeat(32), MISMATCH},
      {"version v0", "v0," + good, "x-port-signature has no v1 signature"},
      {"version V1", "V1," + good, "x-port-signature has no v1 signature"},
      {"version v2", "v2," + good, "x-port-signature has no v1 signature"},
      {"stripe style", "t=" + TS + ",v1=" + good, "x-port-signature has no v1 signature"},
      {"sha256= style", "sha256=" + good, "x-port-signature must look like"},
      {"no comma", good, "x-port-signature must look like"},
      {"leading comma", "," + good, "x-port-signature must look like"},
      {"other secret", "v1," + Wire.hmac("other-secret", TS, BODY.getBytes(UTF_8)), MISMATCH},
      {"other timestamp", "v1," + Wire.hmac(SECRET, "1713277888", BODY.getBytes(UTF_8)), MISMATCH},
      {"signed empty body", "v1," + Wire.hmac(SECRET, TS, new byte[0]), MISMATCH},
    };
    for (String[] f : fixed) {
      cases.add(BadRequest.unauthorized("signature " + f[0], withSignature(BODY, f[1]), f[2]));
    }
    for (int i = 0; i < randomCount; i++) {
      cases.add(randomSignatureCase(i));
    }
  }

  private BadRequest randomSignatureCase(int i) {
    byte[] other =
        ("{\"port_context\":{\"runId\":\"r_" + i + "\"},\"n\":" + random.nextInt() + "}")
            .getBytes(UTF_8);
    switch (i % 4) {
      case 0: // a valid signature, over a different body
        return BadRequest.unauthorized(
            "signature over another body #" + i,
            withSignature(BODY, "v1," + Wire.hmac(SECRET, TS, other)),
            MISMATCH);
      case 1:
        { // random bytes as a Base64 digest
          byte[] digest = new byte[random.nextInt(64)];
          random.nextBytes(digest);
          return BadRequest.unauthorized(
              "random digest #" + i,
              withSignature(BODY, "v1," + Base64.getEncoder().encodeToString(digest)),
              MISMATCH);
        }
      case 2:
        { // random printable text after v1,
          StringBuilder s = new StringBuilder("v1,");
          for (int k = random.nextInt(200); k > 0; k--) {
            s.append((char) (0x21 + random.nextInt(0x5e)));
          }
          return BadRequest.unauthorized(
              "random text #" + i, withSignature(BODY, s.toString()), "");
        }
      default: // many wrong v1 entries
        return BadRequest.unauthorized(
            "many signatures #" + i,
            withSignature(
                BODY,
                ("v1," + Base64.getEncoder().encodeToString(other) + " ")
                    .repeat(1 + random.nextInt(300))),
            MISMATCH);
    }
  }

  private static Wire withSignature(String body, String signature) {
    return Wire.post("/")
        .json()
        .body(body)
        .header("X-Port-Timestamp", TS)
        .header("X-Port-Signature", signature);
  }

  private void headers(List<BadRequest> cases) {
    String sig = "v1," + Wire.hmac(SECRET, TS, BODY.getBytes(UTF_8));
    cases.add(
        BadRequest.unauthorized(
            "no Port headers", Wire.post("/").json().body(BODY), "missing x-port-timestamp"));
    cases.add(
        BadRequest.unauthorized(
            "no signature",
            Wire.post("/").json().body(BODY).header("X-Port-Timestamp", TS),
            "missing x-port-signature"));
    cases.add(
        BadRequest.unauthorized(
            "no timestamp",
            Wire.post("/").json().body(BODY).header("X-Port-Signature", sig),
            "missing x-port-timestamp"));
    cases.add(
        BadRequest.unauthorized(
            "blank signature", withSignature(BODY, "   "), "missing x-port-signature"));
    cases.add(
        BadRequest.unauthorized(
            "repeated timestamp, second differs",
            Wire.post("/")
                .json()
                .body(BODY)
                .header("X-Port-Timestamp", TS)
                .header("X-Port-Timestamp", "1713277000")
                .header("X-Port-Signature", sig),
            "x-port-timestamp appears 2 times"));
    cases.add(
        BadRequest.unauthorized(
            "repeated timestamp, same value",
            Wire.post("/")
                .json()
                .body(BODY)
                .header("X-Port-Timestamp", TS)
                .header("x-port-timestamp", TS)
                .header("X-Port-Signature", sig),
            "x-port-timestamp appears 2 times"));
    cases.add(
        BadRequest.unauthorized(
            "repeated wrong signatures",
            Wire.post("/")
                .json()
                .body(BODY)
                .header("X-Port-Timestamp", TS)
                .header("X-Port-Signature", "v1,AAAA")
                .header("X-Port-Signature", "v1,BBBB"),
            MISMATCH));
    for (int size : new int[] {8 * 1024, 24 * 1024}) {
      cases.add(
          BadRequest.unauthorized(
              "oversized signature header " + size,
              withSignature(BODY, "v1," + "A".repeat(size)),
              MISMATCH));
      cases.add(
          BadRequest.unauthorized(
              "oversized timestamp header " + size, signedAt("1".repeat(size)), NOT_EPOCH));
    }
    cases.add(
        BadRequest.unauthorized(
            "90 extra headers",
            manyHeaders(90, 100).header("X-Port-Timestamp", TS).header("X-Port-Signature", "v1,AA"),
            MISMATCH));
    // Past the JDK server's bounds (JdkHttpServerDefaults: 100 headers, 32 KiB of request line and
    // headers) the connection is closed without an answer: nothing of it reaches portkit.
    cases.add(
        BadRequest.closed(
            "60 KiB signature header", withSignature(BODY, "v1," + "A".repeat(60 * 1024))));
    cases.add(
        BadRequest.closed(
            "150 extra headers",
            manyHeaders(150, 100)
                .header("X-Port-Timestamp", TS)
                .header("X-Port-Signature", "v1,AA")));
    cases.add(BadRequest.closed("40,000 headers", manyHeaders(40_000, 1)));
    cases.add(
        BadRequest.closed("100 KiB path", Wire.post("/" + "p".repeat(100 * 1024)).body(BODY)));
  }

  private static Wire manyHeaders(int count, int valueLength) {
    Wire w = Wire.post("/").json().body(BODY);
    for (int i = 0; i < count; i++) {
      w.header("X-Filler-" + i, "v".repeat(valueLength));
    }
    return w;
  }

  private void framing(List<BadRequest> cases) {
    byte[] body = BODY.getBytes(UTF_8);
    cases.add(
        BadRequest.of(
            "chunked, no terminating chunk",
            BodyCases.signed(body).framing(Framing.CHUNKED_UNTERMINATED),
            400,
            "unreadable_body",
            "the request body could not be read"));
    cases.add(
        BadRequest.of(
            "declared length longer than the body",
            BodyCases.signed(body)
                .framing(Framing.NONE)
                .header("Content-Length", "" + (body.length + 50)),
            400,
            "unreadable_body",
            "the request body could not be read"));
  }

  private void overLimit(List<BadRequest> cases) {
    for (long declared :
        new long[] {
          limit + 1L, 10L * limit, 50L * 1024 * 1024, Integer.MAX_VALUE, Long.MAX_VALUE
        }) {
      cases.add(
          BadRequest.of(
              "Content-Length " + declared,
              Wire.post("/")
                  .json()
                  .framing(Framing.NONE)
                  .header("Content-Length", "" + declared)
                  .body("{\"a\":1"),
              413,
              "payload_too_large",
              "body is larger than " + limit));
    }
    for (int extra : new int[] {1, 100, 16 * 1024}) {
      byte[] big = new byte[limit + extra];
      java.util.Arrays.fill(big, (byte) ' ');
      cases.add(
          BadRequest.of(
              "chunked body of limit+" + extra,
              BodyCases.signed(big).framing(Framing.CHUNKED),
              413,
              "payload_too_large",
              "body is larger than " + limit));
      cases.add(
          BadRequest.of(
              "chunked unsigned body of limit+" + extra,
              Wire.post("/").json().body(big).framing(Framing.CHUNKED),
              413,
              "payload_too_large",
              "body is larger than " + limit));
    }
  }

  private void routes(List<BadRequest> cases) {
    cases.add(
        BadRequest.of(
            "text/plain",
            Wire.post("/").header("Content-Type", "text/plain").body(BODY).signed(SECRET, TS),
            415,
            "unsupported_media_type",
            "Content-Type must be"));
    cases.add(
        BadRequest.of(
            "form",
            Wire.post("/").header("Content-Type", "application/x-www-form-urlencoded").body("a=1"),
            415,
            "unsupported_media_type",
            ""));
    cases.add(
        BadRequest.of(
            "huge content type",
            Wire.post("/").header("Content-Type", "text/" + "x".repeat(5000)).body(BODY),
            415,
            "unsupported_media_type",
            ""));
    for (String method : new String[] {"GET", "PUT", "DELETE", "PATCH", "OPTIONS", "FOO"}) {
      cases.add(
          BadRequest.of(
              method + " on the delivery route",
              Wire.request(method, "/").body(BODY).signed(SECRET, TS),
              405,
              "method_not_allowed",
              ""));
    }
    cases.add(
        BadRequest.of(
            "POST /healthz", Wire.post("/healthz").body("{}"), 405, "method_not_allowed", ""));
    cases.add(
        BadRequest.of(
            "unknown path",
            Wire.post("/admin").body(BODY).signed(SECRET, TS),
            404,
            "not_found",
            "no route /admin"));
    cases.add(
        BadRequest.of("traversal path", Wire.post("/../manual").body(BODY), 404, "not_found", ""));
  }

  private static String flip(String base64) {
    char c = base64.charAt(5);
    return base64.substring(0, 5) + (c == 'A' ? 'B' : 'A') + base64.substring(6);
  }
}
