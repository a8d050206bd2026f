package io.portkit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.testkit.internal.PortApiRoutes;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every route the emulator serves is a route of Port's API and has a contract test; every contract
 * test names a served route.
 */
class ContractCoverageTest {
  static final List<Class<?>> CONTRACTS =
      List.of(
          CatalogContractTest.class,
          EntityContractTest.class,
          RunContractTest.class,
          WorkflowContractTest.class);

  static Set<String> covered() {
    Set<String> keys = new TreeSet<>();
    for (Class<?> type : CONTRACTS) {
      for (Method method : type.getDeclaredMethods()) {
        for (Covers covers : method.getAnnotationsByType(Covers.class)) {
          keys.add(covers.value());
        }
      }
    }
    return keys;
  }

  @Test
  void everyServedRoute_isARouteOfPortsApi() {
    for (String key : ServedRoutes.keys()) {
      assertThat(PortApiRoutes.byKey(key))
          .as("served route %s in Port's route list", key)
          .isPresent();
    }
  }

  @Test
  void everyServedRoute_hasAContractTest_andEveryContractTestAServedRoute() {
    Set<String> served = ServedRoutes.keys();

    assertThat(covered()).containsExactlyInAnyOrderElementsOf(served);
    System.out.println(
        "contract: the emulator serves "
            + served.size()
            + " of the "
            + PortApiRoutes.all().size()
            + " routes in its list of Port's API; "
            + covered().size()
            + " have contract tests");
  }
}
