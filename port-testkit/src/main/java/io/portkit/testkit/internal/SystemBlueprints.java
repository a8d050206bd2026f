package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Port's system blueprints {@code _user} and {@code _team}, which every organization has. The
 * emulator defines them in a reduced form (docs/decisions/0027-system-blueprints-and-teams.md): a
 * {@code _user} entity is identified by the user's email, a {@code _team} entity by the team's
 * name, which is what an entity's {@code team} field names.
 */
final class SystemBlueprints {
  /** The user blueprint. */
  static final String USER = "_user";

  /** The team blueprint. */
  static final String TEAM = "_team";

  /** Both system blueprints: defined at start and after a reset, never deleted. */
  static final Set<String> ALL = Set.of(USER, TEAM);

  private SystemBlueprints() {}

  /** Returns the {@code _team} definition. */
  static ObjectNode team() {
    ObjectNode team = Json.object().put("identifier", TEAM).put("title", "Team");
    team.put("icon", "Team").put("description", "A team of the organization (system blueprint)");
    ObjectNode schema = team.putObject("schema");
    schema.putObject("properties").putObject("description").put("type", "string");
    schema.putArray("required");
    team.putObject("relations");
    return team;
  }

  /** Returns the {@code _user} definition; its {@code port_team} relation names its teams. */
  static ObjectNode user() {
    ObjectNode user = Json.object().put("identifier", USER).put("title", "User");
    user.put("icon", "User").put("description", "A user of the organization (system blueprint)");
    ObjectNode schema = user.putObject("schema");
    ObjectNode properties = schema.putObject("properties");
    properties.putObject("port_type").put("type", "string").put("title", "User type");
    properties.putObject("port_role").put("type", "string").put("title", "Role");
    properties.putObject("status").put("type", "string").put("title", "Status");
    schema.putArray("required");
    ObjectNode teams = user.putObject("relations").putObject("port_team");
    teams.put("title", "Teams").put("target", TEAM).put("required", false).put("many", true);
    return user;
  }
}
