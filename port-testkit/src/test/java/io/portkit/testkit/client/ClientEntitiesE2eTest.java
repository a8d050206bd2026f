package io.portkit.testkit.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.client.PortApiException;
import io.portkit.client.entity.BulkResult;
import io.portkit.client.entity.Entity;
import io.portkit.client.entity.EntityPage;
import io.portkit.client.entity.EntitySearch;
import io.portkit.client.entity.EntityWriteOptions;
import io.portkit.client.entity.SearchOperator;
import io.portkit.client.entity.SearchQuery;
import io.portkit.client.entity.SearchRule;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's entity search, update, bulk and unnamed-entity calls against the emulator. */
class ClientEntitiesE2eTest {
  private final ClientFixture fx = new ClientFixture();

  @AfterEach
  void close() {
    fx.close();
  }

  private void upsert(String id, String tier) {
    fx.client.entities().upsert("service", Entity.builder(id).property("tier", tier).build());
  }

  @Test
  void unnamedEntity_getsAGeneratedIdentifier() {
    Entity stored =
        fx.client.entities().upsert("service", Entity.builder().title("Scratch").build());

    assertThat(stored.identifier()).matches("e_[A-Za-z0-9]{16}");
    assertThat(fx.client.entities().get("service", stored.identifier()).title())
        .isEqualTo("Scratch");
  }

  @Test
  void search_everyBlueprintAndOneBlueprintPageByPage() {
    upsert("a", "gold");
    upsert("b", "silver");
    upsert("c", "gold");

    List<Entity> gold =
        fx.client
            .entities()
            .search(
                SearchQuery.and(
                    SearchRule.of("$blueprint", SearchOperator.EQUALS, "service"),
                    SearchRule.of("tier", SearchOperator.EQUALS, "gold")));
    EntitySearch search = EntitySearch.builder().include("$identifier").limit(2).build();
    EntityPage first = fx.client.entities().search("service", search);
    EntityPage second = fx.client.entities().search("service", search.from(first.next()));

    assertThat(gold).extracting(Entity::identifier).containsExactly("a", "c");
    assertThat(first.entities()).extracting(Entity::identifier).containsExactly("a", "b");
    assertThat(second.entities()).extracting(Entity::identifier).containsExactly("c");
    assertThat(second.nextPage()).isEmpty();
    assertThat(fx.client.entities().list("service")).hasSize(3);
  }

  @Test
  void update_patchesOneProperty_tiedToTheRun() {
    upsert("a", "gold");
    String runId = fx.newRun("deploy");

    Entity updated =
        fx.client.entities().update("service", "a", Entity.builder().title("A").build(), runId);

    assertThat(updated.title()).isEqualTo("A");
    assertThat(updated.properties().get("tier").asText()).isEqualTo("gold");
    assertThat(fx.port.run(runId).orElseThrow().entities()).hasSize(1);
  }

  @Test
  void upsertAll_reportsTheEntityPortRejected() {
    BulkResult result =
        fx.client
            .entities()
            .upsertAll(
                "service",
                List.of(
                    Entity.builder("a").property("tier", "gold").build(),
                    Entity.builder("b").property("tier", 7).build()),
                EntityWriteOptions.UPSERT);

    assertThat(result.written()).extracting(BulkResult.Written::identifier).containsExactly("a");
    assertThat(result.failed())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.index()).isEqualTo(1);
              assertThat(f.statusCode()).isEqualTo(422);
              assertThat(f.message()).contains("\"tier\"");
            });
  }

  @Test
  void delete_sendsDeleteDependentsAlways() {
    upsert("a", "gold");

    fx.client.entities().delete("service", "a");

    assertThat(fx.requests("DELETE", "/v1/blueprints/service/entities/a"))
        .singleElement()
        .satisfies(r -> assertThat(r.query()).isEqualTo("delete_dependents=false"));
    Assertions.assertThatThrownBy(() -> fx.client.entities().get("service", "a"))
        .isInstanceOf(PortApiException.class);
  }
}
