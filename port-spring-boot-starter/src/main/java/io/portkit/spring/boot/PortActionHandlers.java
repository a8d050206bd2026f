package io.portkit.spring.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.backend.PortBackend;
import io.portkit.backend.dispatch.HandlerOptions;
import io.portkit.backend.dispatch.RunHandler;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.backend.invocation.RunTrigger;
import io.portkit.client.run.RunContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Finds the handlers in a bean factory, without creating any bean: {@link PortAction} methods on
 * any bean, and {@code RunHandler} beans annotated {@link PortAction}. Each bean is looked up on
 * its action's first run, so handlers may depend on the backend. Two handlers for one action, or a
 * parameter that cannot be bound, is a {@link PortkitStartupException} naming both.
 */
final class PortActionHandlers {
  private final ConfigurableListableBeanFactory beans;
  private final Map<String, String> sources = new LinkedHashMap<>();

  private PortActionHandlers(ConfigurableListableBeanFactory beans) {
    this.beans = beans;
  }

  /** Registers every handler {@code beans} declares on {@code builder}; returns how many. */
  static int register(ConfigurableListableBeanFactory beans, PortBackend.Builder builder) {
    PortActionHandlers h = new PortActionHandlers(beans);
    h.registerAll(builder);
    return h.sources.size();
  }

  private void registerAll(PortBackend.Builder builder) {
    for (String name : beans.getBeanNamesForType(RunHandler.class, true, false)) {
      PortAction action = beans.findAnnotationOnBean(name, PortAction.class, false);
      if (action == null) {
        throw new PortkitStartupException(
            "RunHandler bean '" + name + "' names no Port action",
            "Annotate the bean's class or its @Bean method with @PortAction(\"<action"
                + " identifier>\").");
      }
      claim(action.value(), "RunHandler bean '" + name + "'");
      Supplier<RunHandler> handler =
          SingletonSupplier.of(() -> beans.getBean(name, RunHandler.class));
      builder.handle(
          action.value(),
          (run, ctx) -> handler.get().handle(run, ctx),
          options(action, "RunHandler bean '" + name + "'"));
    }
    for (String name : beans.getBeanDefinitionNames()) {
      if (ScopedProxyUtils.isScopedTarget(name) || beans.getBeanDefinition(name).isAbstract()) {
        continue; // the scoped proxy's own name serves it; an abstract definition is no bean
      }
      Class<?> type = beans.getType(name, false);
      if (type == null
          || RunHandler.class.isAssignableFrom(type)
          || !AnnotationUtils.isCandidateClass(type, PortAction.class)) {
        continue;
      }
      Class<?> user = ClassUtils.getUserClass(type);
      Map<Method, PortAction> methods =
          MethodIntrospector.selectMethods(
              user,
              (MethodIntrospector.MetadataLookup<PortAction>)
                  m -> AnnotatedElementUtils.findMergedAnnotation(m, PortAction.class));
      for (Map.Entry<Method, PortAction> e : methods.entrySet()) {
        Method method = e.getKey();
        String where = describe(name, method);
        claim(e.getValue().value(), where);
        builder.handle(
            e.getValue().value(),
            methodHandler(name, type, method, where),
            options(e.getValue(), where));
      }
    }
  }

  private void claim(String action, String where) {
    if (action.isBlank()) {
      throw new PortkitStartupException(
          where + " has @PortAction with a blank action identifier",
          "Give @PortAction the action's identifier in Port, for example @PortAction(\"deploy\").");
    }
    String before = sources.putIfAbsent(action, where);
    if (before != null) {
      throw new PortkitStartupException(
          "Port action '" + action + "' has two handlers: " + before + " and " + where,
          "Keep one handler per action: remove one, or give it another action identifier.");
    }
  }

  private static HandlerOptions options(PortAction action, String where) {
    HandlerOptions options = HandlerOptions.defaults().synchronous(action.synchronous());
    if (action.resumable()) {
      if (action.synchronous()) {
        throw new PortkitStartupException(
            where + " is both synchronous and resumable",
            "A synchronized action cannot be resumed after a restart: drop resumable or"
                + " synchronous.");
      }
      options = options.resumable();
    }
    if (!action.timeout().isBlank()) {
      Duration timeout;
      try {
        timeout = DurationStyle.detectAndParse(action.timeout());
      } catch (IllegalArgumentException ex) {
        throw new PortkitStartupException(
            where + " has timeout \"" + action.timeout() + "\", which is not a duration",
            "Write the timeout as 90s, 30m, 2h or PT2H.");
      }
      if (timeout.isZero() || timeout.isNegative()) {
        throw new PortkitStartupException(
            where + " has timeout \"" + action.timeout() + "\", which is not positive",
            "Give a positive timeout, or none for portkit.handler-timeout.");
      }
      options = options.timeout(timeout);
    }
    return options;
  }

  private RunHandler methodHandler(
      String beanName, Class<?> beanType, Method method, String where) {
    if (Modifier.isStatic(method.getModifiers())) {
      throw new PortkitStartupException(
          where + " is static", "Make the @PortAction method an instance method of the bean.");
    }
    Class<?> returns = method.getReturnType();
    boolean summary = returns == String.class;
    if (!summary && returns != void.class && returns != Void.class) {
      throw new PortkitStartupException(
          where + " returns " + returns.getSimpleName() + ", which portkit cannot report",
          "Return void (the run ends SUCCESS) or a String (the SUCCESS summary); use the"
              + " RunContext parameter for anything else.");
    }
    List<Binder> binders = new ArrayList<>();
    Parameter inputs = null;
    for (Parameter p : method.getParameters()) {
      Class<?> t = p.getType();
      if (t == RunInvocation.class) {
        binders.add((run, ctx) -> run);
      } else if (t == RunContext.class) {
        binders.add((run, ctx) -> ctx);
      } else if (t == RunTrigger.class) {
        binders.add((run, ctx) -> run.trigger().orElse(null));
      } else if (t == ObjectNode.class || t == JsonNode.class) {
        binders.add((run, ctx) -> run.inputs());
      } else if (t.isRecord() || p.isAnnotationPresent(PortInputs.class)) {
        if (inputs != null) {
          throw new PortkitStartupException(
              where + " has two inputs parameters, " + inputs.getName() + " and " + p.getName(),
              "Take the inputs in one record; the other parameters may be RunInvocation,"
                  + " RunContext, RunTrigger or ObjectNode.");
        }
        inputs = p;
        binders.add((run, ctx) -> run.inputs(t));
      } else {
        throw new PortkitStartupException(
            where + ": parameter '" + p.getName() + "' of type " + t.getName() + " cannot be bound",
            "A @PortAction method takes, in any order: its inputs as a record (or a class"
                + " annotated @PortInputs), RunInvocation, RunContext, RunTrigger or ObjectNode.");
      }
    }
    Supplier<Object> target = SingletonSupplier.of(() -> beans.getBean(beanName));
    Method invocable = method;
    return (run, ctx) -> {
      Object bean = target.get();
      Object[] args = new Object[binders.size()];
      for (int i = 0; i < args.length; i++) {
        args[i] = binders.get(i).bind(run, ctx);
      }
      Object result =
          invoke(AopUtils.selectInvocableMethod(invocable, bean.getClass()), bean, args);
      if (summary && result != null && !ctx.isFinished()) {
        ctx.succeed((String) result);
      }
    };
  }

  private static @Nullable Object invoke(Method method, Object bean, Object[] args)
      throws Exception {
    try {
      if (!method.canAccess(bean)) {
        method.setAccessible(true);
      }
      return method.invoke(bean, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  private static String describe(String beanName, Method method) {
    return "@PortAction method "
        + ClassUtils.getUserClass(method.getDeclaringClass()).getSimpleName()
        + "."
        + method.getName()
        + " (bean '"
        + beanName
        + "')";
  }

  @FunctionalInterface
  private interface Binder {
    @Nullable Object bind(RunInvocation run, RunContext ctx);
  }
}
