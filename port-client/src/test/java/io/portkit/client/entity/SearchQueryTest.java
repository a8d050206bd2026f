package io.portkit.client.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchQueryTest {
  @Test
  void toJson_everyRuleKind_writesPortsQueryModel() {
    SearchQuery query =
        SearchQuery.or(
            SearchRule.of("replicas", SearchOperator.GREATER_THAN_OR_EQUAL, 3),
            SearchRule.between(
                "$createdAt",
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-02-01T00:00:00Z")),
            SearchRule.isNotEmpty("owner"),
            SearchRule.relatedTo("team", "core")
                .direction(RelatedToRule.Direction.UPSTREAM)
                .required(true),
            new RelatedToRule("env", List.of("a", "b"), null, null));

    assertThat(query.toJson().toString())
        .isEqualTo(
            "{\"combinator\":\"or\",\"rules\":["
                + "{\"property\":\"replicas\",\"operator\":\">=\",\"value\":3},"
                + "{\"property\":\"$createdAt\",\"operator\":\"between\",\"value\":"
                + "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-02-01T00:00:00Z\"}},"
                + "{\"property\":\"owner\",\"operator\":\"isNotEmpty\"},"
                + "{\"operator\":\"relatedTo\",\"blueprint\":\"team\",\"value\":\"core\","
                + "\"direction\":\"upstream\",\"required\":true},"
                + "{\"operator\":\"relatedTo\",\"blueprint\":\"env\",\"value\":[\"a\",\"b\"]}]}");
  }

  @Test
  void operators_wireNamesArePorts() {
    assertThat(SearchOperator.DOES_NOT_BEGIN_WITH.wire()).isEqualTo("doesNotBeginsWith");
    assertThat(SearchOperator.DOES_NOT_CONTAIN.wire()).isEqualTo("doesNotContains");
    assertThat(SearchOperator.NOT_EQUALS.wire()).isEqualTo("!=");
  }

  @Test
  void invalidRules_areRejectedNamingTheProblem() {
    assertThatThrownBy(() -> SearchRule.of("x", SearchOperator.IS_EMPTY, "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("isEmpty takes no value: use SearchRule.isEmpty/isNotEmpty");
    assertThatThrownBy(SearchQuery::and)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a search query needs at least one rule");
    assertThatThrownBy(() -> new RelatedToRule("team", List.of(), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("relatedTo needs at least one entity identifier");
    assertThatThrownBy(() -> EntitySearch.builder().limit(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be in 1..1000, got 0");
  }
}
