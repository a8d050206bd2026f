package io.portkit.tunnel.ngrok;

import com.ngrok.NgrokException;
import io.portkit.tunnel.TunnelException;
import io.portkit.tunnel.TunnelException.Reason;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns what ngrok throws into a {@link TunnelException} that says what to do. The ERR_NGROK_ codes
 * are from https://ngrok.com/docs/errors (see docs/decisions/0042). Stateless.
 */
final class NgrokHints {
  static final String AUTHTOKEN_MISSING =
      "no ngrok authtoken: set "
          + NgrokOptions.AUTHTOKEN_VARIABLE
          + " (copy it from"
          + " https://dashboard.ngrok.com/get-started/your-authtoken) or pass one to"
          + " NgrokOptions.builder().authtoken(...)";

  /** "Usage of ngrok requires a verified account and authtoken." */
  static final String AUTHTOKEN_REQUIRED = "ERR_NGROK_4018";

  /** Malformed (105), v1 (106), invalid (107) and revoked (300) authtokens. */
  static final Set<String> AUTHTOKEN_REJECTED =
      Set.of("ERR_NGROK_105", "ERR_NGROK_106", "ERR_NGROK_107", "ERR_NGROK_300");

  /** "Your account is limited to MAX simultaneous ngrok agent sessions." */
  static final String SESSION_LIMIT = "ERR_NGROK_108";

  /** Domain not reserved (319), reserved by another account (320), plan needs one (15002). */
  static final Set<String> DOMAIN_NOT_RESERVED =
      Set.of("ERR_NGROK_319", "ERR_NGROK_320", "ERR_NGROK_15002");

  private NgrokHints() {}

  /**
   * Explains {@code failure}, thrown while connecting or forwarding.
   *
   * @param options what was asked for, used to name the domain and to redact the authtoken
   * @param classifier this platform's native classifier
   */
  static TunnelException explain(Throwable failure, NgrokOptions options, String classifier) {
    String token = options.authtoken();
    Throwable cause = Redaction.sanitize(failure, token);
    if (failure instanceof NgrokException) {
      return explainNgrok((NgrokException) failure, options, cause);
    }
    if (hasInChain(failure, UnsatisfiedLinkError.class)) {
      Throwable link = findInChain(failure, UnsatisfiedLinkError.class);
      return new TunnelException(
          Reason.NATIVE_LIBRARY_WRONG_PLATFORM,
          "ngrok's native library failed to load on this platform ("
              + Redaction.redact(link.getMessage(), token)
              + "): use "
              + NgrokPreflight.coordinate(classifier)
              + ", the classifier for this OS and CPU",
          cause);
    }
    if (hasInChain(failure, ClassNotFoundException.class)
        || hasInChain(failure, NoClassDefFoundError.class)) {
      return new TunnelException(
          Reason.NATIVE_LIBRARY_MISSING, NgrokPreflight.missingMessage(classifier), cause);
    }
    return new TunnelException(
        Reason.FAILED,
        "could not open the ngrok tunnel: " + Redaction.redact(String.valueOf(failure), token),
        cause);
  }

  private static TunnelException explainNgrok(
      NgrokException failure, NgrokOptions options, Throwable cause) {
    String code = failure.getCode();
    if (AUTHTOKEN_REQUIRED.equals(code)) {
      return new TunnelException(
          Reason.AUTHTOKEN_MISSING,
          "ngrok requires an authtoken (" + code + "): " + AUTHTOKEN_MISSING,
          cause);
    }
    if (AUTHTOKEN_REJECTED.contains(code)) {
      return new TunnelException(
          Reason.AUTHTOKEN_REJECTED,
          "ngrok rejected the authtoken ("
              + code
              + "): copy a current one from"
              + " https://dashboard.ngrok.com/get-started/your-authtoken into "
              + NgrokOptions.AUTHTOKEN_VARIABLE
              + "; it may have been reset or revoked",
          cause);
    }
    if (SESSION_LIMIT.equals(code)) {
      return new TunnelException(
          Reason.SESSION_LIMIT,
          "ngrok refused a new agent session ("
              + code
              + "): the account's limit of simultaneous"
              + " agent sessions (one on the free plan) is reached. Stop the other ngrok agent, or"
              + " a previous run of this backend that is still running"
              + " (see https://dashboard.ngrok.com/agents), and retry",
          cause);
    }
    if (DOMAIN_NOT_RESERVED.contains(code)) {
      return new TunnelException(Reason.DOMAIN_NOT_RESERVED, domainMessage(code, options), cause);
    }
    String details = Redaction.redact(failure.getDetails(), options.authtoken());
    return new TunnelException(
        Reason.FAILED,
        "ngrok refused the tunnel ("
            + code
            + "): "
            + (details == null || details.isBlank() ? "no details" : details.strip()),
        cause);
  }

  private static String domainMessage(String code, NgrokOptions options) {
    if (options.domain() == null) {
      return "ngrok requires a reserved domain for this account ("
          + code
          + "): reserve one at"
          + " https://dashboard.ngrok.com/domains and set "
          + NgrokOptions.DOMAIN_VARIABLE
          + " to it";
    }
    return "ngrok domain "
        + options.domain()
        + " is not reserved on the authtoken's account ("
        + code
        + "): reserve it at https://dashboard.ngrok.com/domains, check that "
        + NgrokOptions.AUTHTOKEN_VARIABLE
        + " belongs to the same account, or unset "
        + NgrokOptions.DOMAIN_VARIABLE
        + " to get a random URL";
  }

  private static boolean hasInChain(Throwable failure, Class<? extends Throwable> type) {
    return findInChain(failure, type) != null;
  }

  private static @Nullable Throwable findInChain(
      Throwable failure, Class<? extends Throwable> type) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
      if (type.isInstance(t)) {
        return t;
      }
    }
    return null;
  }
}
