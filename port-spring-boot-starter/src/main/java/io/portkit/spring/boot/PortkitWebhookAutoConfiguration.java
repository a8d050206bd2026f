package io.portkit.spring.boot;

import io.portkit.backend.PortBackend;
import io.portkit.webhook.http.WebhookEndpoint;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Serves Port's webhooks at {@code portkit.webhook.path} (and {@code path/manual} when {@code
 * portkit.webhook.manual-route=true}) in the application's own servlet server, through Spring MVC:
 * no second port, no second health endpoint; and each {@link PortCallback} bean's hand-off callback
 * on its path. Ordered before the application's controllers, so the path is portkit's.
 */
@AutoConfiguration(after = PortkitAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, WebhookEndpoint.class})
@ConditionalOnBean(PortBackend.class)
@ConditionalOnProperty(name = "portkit.transport", havingValue = "webhook", matchIfMissing = true)
public class PortkitWebhookAutoConfiguration {
  /** The bean name of the handler mapping that routes the webhook path. */
  public static final String HANDLER_MAPPING_BEAN_NAME = "portkitWebhookHandlerMapping";

  @Bean
  @ConditionalOnMissingBean
  WebhookEndpoint portkitWebhookEndpoint(
      PortBackend backend,
      PortkitProperties properties,
      Environment env,
      ObjectProvider<PortCallback> callbacks) {
    WebhookEndpoint.Builder endpoint =
        WebhookEndpoint.builder()
            .verifier(backend.verifier())
            .dispatcher(backend)
            .listener(backend.listener())
            .basePath(basePath(env, properties.webhook().path()))
            .maxBodyBytes((int) properties.webhook().maxBodySize().toBytes())
            .manualRoute(properties.webhook().manualRoute());
    callbacks
        .orderedStream()
        .forEach(c -> endpoint.callback(basePath(env, c.path()), c.callback(), backend.handOffs()));
    return endpoint.build();
  }

  @Bean(HANDLER_MAPPING_BEAN_NAME)
  @ConditionalOnMissingBean(name = HANDLER_MAPPING_BEAN_NAME)
  SimpleUrlHandlerMapping portkitWebhookHandlerMapping(
      WebhookEndpoint endpoint,
      PortkitProperties properties,
      ObjectProvider<PortCallback> callbacks) {
    PortWebhookRequestHandler handler = new PortWebhookRequestHandler(endpoint);
    String path = properties.webhook().path();
    String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    Map<String, Object> urls = new LinkedHashMap<>();
    urls.put(base, handler);
    urls.put(base + "/", handler);
    if (properties.webhook().manualRoute()) {
      urls.put(base + "/manual", handler);
    }
    callbacks.orderedStream().forEach(c -> urls.put(c.path(), handler)); // hand-off callbacks
    SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(urls);
    mapping.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return mapping;
  }

  /** The endpoint sees the path after the context path, so it includes the servlet's path. */
  static String basePath(Environment env, String path) {
    String servletPath = env.getProperty("spring.mvc.servlet.path", "/");
    String prefix =
        servletPath.endsWith("/")
            ? servletPath.substring(0, servletPath.length() - 1)
            : servletPath;
    return prefix + path;
  }
}
