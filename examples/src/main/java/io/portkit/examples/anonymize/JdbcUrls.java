package io.portkit.examples.anonymize;

import java.util.regex.Pattern;

/** Removes credentials from JDBC URLs before they are shown or stored. Stateless, thread-safe. */
public final class JdbcUrls {

  // user:password@ in URL-style JDBC URLs (PostgreSQL, MySQL, SQL Server).
  private static final Pattern USER_INFO = Pattern.compile("//[^/@?;]*@");
  // key=value pairs after '?', '&' or ';' whose key names a credential.
  private static final Pattern CREDENTIAL_PARAM =
      Pattern.compile(
          "(?i)([?&;])(user|username|password|passwd|pwd|sslpassword|token|secret)=[^&;]*");

  private JdbcUrls() {}

  /**
   * Returns {@code url} without user info and credential parameters, for example {@code
   * jdbc:postgresql://db/shop?ssl=true} for {@code
   * jdbc:postgresql://app:s3cret@db/shop?password=x&ssl=true}.
   */
  public static String redact(String url) {
    String redacted = USER_INFO.matcher(url).replaceFirst("//");
    redacted = CREDENTIAL_PARAM.matcher(redacted).replaceAll("$1");
    // Tidy separators left empty by the removals: "?&", "&&", ";;", a trailing '?', '&' or ';'.
    return redacted
        .replaceAll("\\?&+", "?")
        .replaceAll("&{2,}", "&")
        .replaceAll(";{2,}", ";")
        .replaceAll("[?&;]+$", "");
  }
}
