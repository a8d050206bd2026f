package io.portkit.examples.cli;

import io.portkit.client.PortClient;
import io.portkit.client.RetryPolicy;
import io.portkit.client.auth.ClientCredentials;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The flags choosing Port's API and the client id ({@code --api-url}, {@code --region}, {@code
 * --client-id}); the secret comes only from {@value Settings#CLIENT_SECRET} so that it never shows
 * in a process list or shell history.
 */
public final class ApiOptions {
  @Option(
      names = "--api-url",
      paramLabel = "URL",
      description = "(default https://api.port.io) Port API base URL; env PORT_API_URL.")
  String apiUrl;

  @Option(
      names = "--region",
      paramLabel = "eu|us",
      description = "(default eu) Port region when no API URL is set; env PORT_REGION.")
  String region;

  @Option(
      names = "--client-id",
      paramLabel = "ID",
      description = "Port client id (env PORT_CLIENT_ID).")
  String clientId;

  /** Creates options with no flags given. */
  public ApiOptions() {}

  /**
   * Returns the API base URL: {@code --api-url}, {@value Settings#API_URL}, else the region's.
   *
   * @throws BadSettingException if the URL or region is not usable
   */
  public URI baseUri(Settings settings) {
    // The region is checked even when an API URL wins over it: a typo there is still a typo.
    URI regional = region(settings);
    String url = apiUrl != null ? apiUrl : settings.get(Settings.API_URL).orElse(null);
    if (url != null) {
      URI uri = parse(url.strip());
      if (uri == null
          || uri.getHost() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
        throw new BadSettingException(
            Settings.API_URL
                + " (--api-url) must be an absolute http(s)"
                + " URL such as https://api.port.io, got "
                + url);
      }
      return uri;
    }
    return regional;
  }

  private URI region(Settings settings) {
    String r = region != null ? region : settings.get(Settings.REGION).orElse("eu");
    switch (r.strip().toLowerCase(Locale.ROOT)) {
      case "eu":
        return PortClient.EU_API;
      case "us":
        return PortClient.US_API;
      default:
        throw new BadSettingException(Settings.REGION + " (--region) must be eu or us, got " + r);
    }
  }

  /**
   * Returns the credentials from {@code --client-id} or {@value Settings#CLIENT_ID}, and {@value
   * Settings#CLIENT_SECRET}.
   *
   * @throws MissingSettingException naming the first missing one
   */
  public ClientCredentials credentials(Settings settings) {
    String id = settings.require(Settings.CLIENT_ID, "--client-id", clientId);
    String secret =
        settings
            .get(Settings.CLIENT_SECRET)
            .orElseThrow(() -> new MissingSettingException(Settings.CLIENT_SECRET, null));
    return new ClientCredentials(id, secret);
  }

  /** Returns a client for the configured API and credentials. */
  public PortClient client(Settings settings) {
    ClientCredentials credentials = credentials(settings);
    return PortClient.builder()
        .baseUri(baseUri(settings))
        .credentials(credentials)
        .writeCoalescing(writeCoalescing(settings))
        .build();
  }

  /**
   * Returns {@value Settings#WRITE_COALESCING_MS} as a delay, default 250 ms.
   *
   * @throws BadSettingException if it is not a whole number of 0 or more
   */
  static Duration writeCoalescing(Settings settings) {
    String value = settings.get(Settings.WRITE_COALESCING_MS).orElse(null);
    if (value == null) {
      return PortClient.Builder.DEFAULT_WRITE_COALESCING;
    }
    long millis;
    try {
      millis = Long.parseLong(value);
    } catch (NumberFormatException e) {
      millis = -1;
    }
    if (millis < 0) {
      throw new BadSettingException(
          Settings.WRITE_COALESCING_MS
              + " must be a whole number of milliseconds, 0 (send every write at once) or more,"
              + " got "
              + value);
    }
    return Duration.ofMillis(millis);
  }

  /**
   * Returns a client that does not retry, for one-shot commands whose failure a person reads at
   * once: a Port that is not there is one clear line, not a series of retry warnings.
   */
  public PortClient quickClient(Settings settings) {
    return client(settings).newBuilder().retryPolicy(RetryPolicy.NONE).build();
  }

  private static @Nullable URI parse(String url) {
    try {
      URI uri = URI.create(url);
      return uri.isAbsolute() ? uri : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
