package io.portkit.spring.boot;

import io.portkit.webhook.http.WebhookEndpoint;
import io.portkit.webhook.servlet.PortWebhookServlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.HttpRequestHandler;

/**
 * The webhook route as a Spring MVC handler, so it is served by the application's own server behind
 * its {@code DispatcherServlet} (and reached by MockMvc): it hands the raw request to the same
 * {@link PortWebhookServlet} logic. Thread-safe.
 */
final class PortWebhookRequestHandler implements HttpRequestHandler {
  private final Bridge servlet;

  PortWebhookRequestHandler(WebhookEndpoint endpoint) {
    this.servlet = new Bridge(endpoint);
  }

  @Override
  public void handleRequest(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    servlet.handle(request, response); // the endpoint counts body rejections itself
  }

  /** Exposes the servlet's request handling without a servlet container registration. */
  private static final class Bridge extends PortWebhookServlet {
    private static final long serialVersionUID = 1L;

    Bridge(WebhookEndpoint endpoint) {
      super(endpoint);
    }

    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
      service(request, response);
    }
  }
}
