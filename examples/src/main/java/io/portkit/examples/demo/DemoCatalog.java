package io.portkit.examples.demo;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.catalog.Action;
import io.portkit.testkit.PortEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's blueprints, actions and automations, kept as Port JSON in {@code
 * src/main/resources/catalog/} ({@code blueprint-*.json}, {@code action-*.json}, {@code
 * automation-*.json}) so that users can paste them into real Port; installs them into an emulator
 * with every {@code invocationMethod.url} pointing at a local receiver.
 *
 * <p>Immutable and thread-safe.
 */
public final class DemoCatalog {
  /** The simulator action. */
  public static final String PROVISION_ENVIRONMENT = "provision_environment";

  /** The temporary IP allowlisting action. */
  public static final String GRANT_TEMPORARY_ACCESS = "grant_temporary_access";

  /** The anonymized database copy action. */
  public static final String CREATE_ANONYMIZED_DB_COPY = "create_anonymized_db_copy";

  /** The hand-off action: the run waits for a CI's signed callback. */
  public static final String RUN_CI_PIPELINE = "run_ci_pipeline";

  /**
   * The automation revoking temporary access when the {@code temporary_access} entity's timer
   * ({@value #ACCESS_TIMER}) expires.
   */
  public static final String REVOKE_TEMPORARY_ACCESS = "revoke_temporary_access";

  /** The timer property of {@code temporary_access} ({@code "format": "timer"}). */
  public static final String ACCESS_TIMER = "expires_at";

  /** The blueprint resources, installed first because actions name them. */
  public static final List<String> BLUEPRINTS =
      List.of("environment", "temporary_access", "db_snapshot");

  /** The action resources. */
  public static final List<String> ACTIONS =
      List.of(
          PROVISION_ENVIRONMENT,
          GRANT_TEMPORARY_ACCESS,
          CREATE_ANONYMIZED_DB_COPY,
          RUN_CI_PIPELINE);

  /** The automation resources, installed last (Port stores them with the actions). */
  public static final List<String> AUTOMATIONS = List.of(REVOKE_TEMPORARY_ACCESS);

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DemoCatalog() {}

  /** Returns the blueprint definition {@code identifier}, a new copy. */
  public static ObjectNode blueprint(String identifier) {
    return read("catalog/blueprint-" + requireNonNull(identifier, "identifier == null") + ".json");
  }

  /**
   * Returns the action definition {@code identifier} with its webhook URL set to {@code url}, a new
   * copy.
   */
  public static ObjectNode action(String identifier, URI url) {
    return withUrl(
        read("catalog/action-" + requireNonNull(identifier, "identifier == null") + ".json"), url);
  }

  /**
   * Returns the automation definition {@code identifier} with its webhook URL set to {@code url}, a
   * new copy.
   */
  public static ObjectNode automation(String identifier, URI url) {
    return withUrl(
        read("catalog/automation-" + requireNonNull(identifier, "identifier == null") + ".json"),
        url);
  }

  private static ObjectNode withUrl(ObjectNode definition, URI url) {
    ((ObjectNode) definition.get("invocationMethod"))
        .put("url", requireNonNull(url, "url == null").toString());
    return definition;
  }

  /**
   * Defines every demo blueprint, action and automation in {@code emulator}, the actions and
   * automations calling {@code webhookUrl}.
   *
   * @return the identifiers defined, blueprints first, automations last
   * @throws IllegalArgumentException if the emulator already holds one of them
   */
  public static List<String> install(PortEmulator emulator, URI webhookUrl) {
    requireNonNull(emulator, "emulator == null");
    List<String> defined = new ArrayList<>();
    for (String id : BLUEPRINTS) {
      emulator.defineBlueprint(blueprint(id));
      defined.add(id);
    }
    for (String id : ACTIONS) {
      emulator.defineAction(Action.fromJson(action(id, webhookUrl)));
      defined.add(id);
    }
    for (String id : AUTOMATIONS) {
      emulator.defineAction(Action.fromJson(automation(id, webhookUrl)));
      defined.add(id);
    }
    return defined;
  }

  private static ObjectNode read(String resource) {
    try (InputStream in = DemoCatalog.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no catalog resource "
                + resource
                + ": known blueprints "
                + BLUEPRINTS
                + ", actions "
                + ACTIONS
                + ", automations "
                + AUTOMATIONS);
      }
      JsonNode node = MAPPER.readTree(in);
      return (ObjectNode) node;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read catalog resource " + resource, e);
    }
  }
}
