package io.portkit.webhook.servlet;

import io.portkit.backend.PortBackend;
import io.portkit.backend.invocation.RequestHeaders;
import io.portkit.webhook.http.WebhookEndpoint;
import io.portkit.webhook.http.WebhookRequest;
import io.portkit.webhook.http.WebhookResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A servlet that hands every request to a {@link WebhookEndpoint} and writes its answer.
 *
 * <p>The endpoint sees the path inside the web application (request URI minus context path), so
 * configure its base path to match the servlet mapping: map the servlet at {@code /port/*} and
 * build the endpoint with {@code basePath("/port")}; map {@code /healthz} too for health checks.
 * The body is read from the request's own input stream with the endpoint's size limit enforced
 * while reading; a filter that consumes the body first (for example one that logs it) makes every
 * signature check fail.
 *
 * <p>Thread-safe, as servlets must be; all state is the immutable endpoint.
 */
public class PortWebhookServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient WebhookEndpoint endpoint;

  /** Creates a servlet serving {@code endpoint}. */
  public PortWebhookServlet(WebhookEndpoint endpoint) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint == null");
  }

  /**
   * Creates a servlet serving {@code backend} under {@code basePath}, the path the servlet is
   * mapped at inside the web application (map {@code basePath + "/*"}).
   *
   * <pre>{@code
   * ServletRegistration.Dynamic port =
   *     context.addServlet("port", new PortWebhookServlet(backend, "/port"));
   * port.addMapping("/port", "/port/*");
   * }</pre>
   *
   * <p>The container owns the servlet's life; close the backend when the application stops, after
   * the container stopped taking requests, so every run it took ends.
   */
  public PortWebhookServlet(PortBackend backend, String basePath) {
    this(
        WebhookEndpoint.builder()
            .verifier(Objects.requireNonNull(backend, "backend == null").verifier())
            .dispatcher(backend)
            .listener(backend.listener())
            .basePath(basePath)
            .build());
  }

  /** Answers any method through the endpoint, which decides 405s itself. */
  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = req.getRequestURI().substring(req.getContextPath().length());
    WebhookRequest request =
        new WebhookRequest(
            req.getMethod(),
            path.isEmpty() ? "/" : path,
            headers(req),
            req.getInputStream(),
            req.getContentLengthLong());
    WebhookResponse response = endpoint.handle(request);
    resp.setStatus(response.status());
    response.headers().forEach(resp::setHeader);
    byte[] body = response.body();
    resp.setContentLength(body.length);
    if (!req.getMethod().equalsIgnoreCase("HEAD") && body.length > 0) {
      try (OutputStream out = resp.getOutputStream()) {
        out.write(body);
      }
    }
  }

  private static RequestHeaders headers(HttpServletRequest req) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (String name : Collections.list(req.getHeaderNames())) {
      map.put(name, new ArrayList<>(Collections.list(req.getHeaders(name))));
    }
    return RequestHeaders.of(map);
  }
}
