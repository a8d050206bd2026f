package io.portkit.client.entity;

import static io.portkit.client.testing.TestClients.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.portkit.client.internal.PortJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntityTest {
  private final ObjectMapper mapper = PortJson.newMapper();

  @Test
  void fromJson_stringTeam_becomesList() throws Exception {
    Entity e = Entity.fromJson(mapper.readTree(fixture("entity/entity.json")).get("entity"));

    assertThat(e.identifier()).isEqualTo("payments/api");
    assertThat(e.team()).containsExactly("platform");
    assertThat(e.blueprint()).isEqualTo("service");
    assertThat(e.properties().path("replicas").asInt()).isEqualTo(2);
    assertThat(e.relations().path("team").asText()).isEqualTo("platform");
    assertThat(e.raw().path("createdBy").asText()).isEqualTo("auth0|1");
  }

  @Test
  void toJson_builtEntity_writesOnlySetFields() throws Exception {
    Entity e =
        Entity.builder("svc")
            .title("Svc")
            .property("tier", "gold")
            .property("n", 2)
            .property("on", true)
            .relation("deps", List.of("a", "b"))
            .build();

    assertThat(mapper.writeValueAsString(e.toJson()))
        .isEqualTo(
            "{\"identifier\":\"svc\",\"title\":\"Svc\",\"properties\":{\"tier\":\"gold\",\"n\":2,"
                + "\"on\":true},\"relations\":{\"deps\":[\"a\",\"b\"]}}");
  }

  @Test
  void toJson_team_writtenAsArray() throws Exception {
    Entity e = Entity.builder("svc").team(List.of("t1")).build();

    assertThat(mapper.writeValueAsString(e.toJson()))
        .isEqualTo("{\"identifier\":\"svc\",\"team\":[\"t1\"],\"properties\":{},\"relations\":{}}");
  }

  @Test
  void builder_withoutIdentifier_writesNoIdentifierForPortToGenerate() throws Exception {
    Entity e = Entity.builder().title("Scratch").property("n", 1).build();

    assertThat(e.identifier()).isNull();
    assertThat(mapper.writeValueAsString(e.toJson()))
        .isEqualTo("{\"title\":\"Scratch\",\"properties\":{\"n\":1},\"relations\":{}}");
  }

  @Test
  void constructor_blankIdentifier_isRejectedButNullIsNot() {
    assertThat(new Entity(null, null, null, null, null, null, null, null).identifier()).isNull();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new Entity(" ", null, null, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("entity identifier is blank");
  }

  @Test
  void fromPartialJson_withoutIdentifier_keepsTheFieldsReturned() throws Exception {
    Entity e =
        Entity.fromPartialJson(mapper.readTree("{\"title\":\"T\",\"properties\":{\"a\":1}}"));

    assertThat(e.identifier()).isNull();
    assertThat(e.title()).isEqualTo("T");
    assertThat(e.properties().path("a").asInt()).isEqualTo(1);
  }
}
