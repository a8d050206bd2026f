package io.portkit.testkit.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The routes of Port's public REST API that the emulator knows by name: method, path template,
 * Port's name for the route and its page under {@code https://docs.port.io/api-reference/}. The
 * list is ours, written from the route list of Port's published API reference; it lets a request
 * for a route the emulator does not serve be answered 501 with the route's name and a pointer to
 * its documentation instead of a 404 that reads like "no such entity". Immutable.
 */
public final class PortApiRoutes {
  /** The API reference's start page, for routes without a page of their own. */
  public static final String REFERENCE = "https://docs.port.io/api-reference/port-api";

  private static final String DOCS = "https://docs.port.io/api-reference/";
  private static final String BP = "/v1/blueprints/{blueprint_identifier}";
  private static final String ENTITY = BP + "/entities/{entity_identifier}";
  private static final String RUN = "/v1/actions/runs/{run_id}";
  private static final String ACTION = "/v1/actions/{action_identifier}";
  private static final String SCORECARD = BP + "/scorecards/{scorecard_identifier}";
  private static final String LEGACY_ACTIONS = BP + "/actions";

  /**
   * One route of Port's API.
   *
   * @param method upper-case HTTP method
   * @param template path template in Port's notation
   * @param name Port's name for the route
   * @param group the API reference's group (Entities, Action runs, ...)
   * @param slug the route's page under the API reference, or null when it has none of its own
   */
  public record PortRoute(String method, String template, String name, String group, String slug) {
    /** Returns {@code method + " " + template}. */
    public String key() {
      return method + " " + template;
    }

    /** Returns the route's documentation page. */
    public String docsUrl() {
      return slug == null ? REFERENCE : DOCS + slug;
    }

    Pattern pattern() {
      return Route.compile(template);
    }

    int parameters() {
      return template.split("\\{", -1).length - 1;
    }
  }

  private static final List<PortRoute> ALL = build();

  private PortApiRoutes() {}

  /** Returns every known route, in the API reference's order. */
  public static List<PortRoute> all() {
    return ALL;
  }

  /**
   * Returns the known route {@code method path} names, preferring the most literal template when
   * several match (so {@code GET /v1/actions/runs} is "Get all action runs", not "Get an action").
   */
  public static Optional<PortRoute> find(String method, String path) {
    return ALL.stream()
        .filter(route -> route.method().equals(method) && route.pattern().matcher(path).matches())
        .min(Comparator.comparingInt(PortRoute::parameters));
  }

  /** Returns the known route whose key is {@code key} ({@code "GET /v1/audit-log"}). */
  public static Optional<PortRoute> byKey(String key) {
    return ALL.stream().filter(route -> route.key().equals(key)).findFirst();
  }

  private static List<PortRoute> build() {
    List<PortRoute> r = new ArrayList<>();
    String g = "Blueprints";
    add(
        r,
        g,
        "GET",
        BP + "/permissions",
        "Get a blueprint's permissions",
        "get-a-blueprints-permissions");
    add(
        r,
        g,
        "PATCH",
        BP + "/permissions",
        "Update a blueprint's permissions",
        "update-a-blueprints-permissions");
    add(r, g, "POST", BP + "/permissions/simulate", "Simulate permissions for a user", null);
    add(r, g, "GET", "/v1/blueprints", "Get all blueprints", "get-all-blueprints");
    add(r, g, "POST", "/v1/blueprints", "Create a blueprint", "create-a-blueprint");
    add(r, g, "GET", "/v1/blueprints/{identifier}", "Get a blueprint", "get-a-blueprint");
    add(r, g, "PUT", "/v1/blueprints/{identifier}", "Change a blueprint", "change-a-blueprint");
    add(r, g, "PATCH", "/v1/blueprints/{identifier}", "Update a blueprint", "update-a-blueprint");
    add(r, g, "DELETE", "/v1/blueprints/{identifier}", "Delete a blueprint", "delete-a-blueprint");
    add(
        r,
        g,
        "PATCH",
        BP + "/properties/{property_identifier}/rename",
        "Rename a property in a blueprint",
        "rename-a-property-in-a-blueprint");
    add(
        r,
        g,
        "PATCH",
        BP + "/mirror/{property_identifier}/rename",
        "Rename a blueprint's mirror property",
        "rename-a-blueprints-mirror-property");
    add(
        r,
        g,
        "PATCH",
        BP + "/relations/{relation_identifier}/rename",
        "Rename a blueprint's relation",
        "rename-a-blueprints-relation");
    g = "Authentication / Authorization";
    add(r, g, "POST", "/v1/auth/access_token", "Create an access token", "create-an-access-token");
    add(
        r,
        g,
        "POST",
        "/v1/rotate-credentials/{user_email}",
        "Rotate a user's credentials",
        "rotate-a-users-credentials");
    g = "Entities";
    add(r, g, "POST", BP + "/entities", "Create an entity", "create-an-entity");
    add(
        r,
        g,
        "GET",
        BP + "/entities",
        "Get all entities of a blueprint",
        "get-all-entities-of-a-blueprint");
    add(
        r,
        g,
        "POST",
        BP + "/entities/bulk",
        "Create multiple entities",
        "create-multiple-entities");
    add(r, g, "PATCH", ENTITY, "Update an entity", "update-an-entity");
    add(r, g, "PUT", ENTITY, "Change an entity", "change-an-entity");
    add(r, g, "GET", ENTITY, "Get an entity", "get-an-entity");
    add(r, g, "DELETE", ENTITY, "Delete an entity", "delete-an-entity");
    add(
        r,
        g,
        "GET",
        BP + "/entities-count",
        "Get a blueprint's entity count",
        "get-a-blueprints-entity-count");
    add(
        r,
        g,
        "DELETE",
        BP + "/all-entities",
        "Delete all entities of a blueprint",
        "delete-all-entities-of-a-blueprint");
    add(
        r,
        g,
        "POST",
        BP + "/bulk/entities/delete",
        "Delete multiple entities",
        "delete-multiple-entities");
    add(r, g, "POST", "/v1/entities/search", "Search entities", "search-entities");
    add(r, g, "POST", "/v1/entities/aggregate", "Aggregate entities", "aggregate-entities");
    add(
        r,
        g,
        "POST",
        "/v1/entities/aggregate-over-time",
        "Aggregate entities over time",
        "aggregate-entities-over-time");
    add(
        r,
        g,
        "POST",
        "/v1/entities/properties-history",
        "Fetch the history of an entity's properties",
        "fetch-the-history-of-an-entitys-properties");
    add(
        r,
        g,
        "POST",
        BP + "/entities/search",
        "Search a blueprint's entities",
        "search-a-blueprints-entities");
    g = "Actions";
    add(r, g, "POST", "/v1/actions", "Create an action/automation", "create-an-action-automation");
    add(r, g, "GET", "/v1/actions", "Get actions/automations", "get-actions-automations");
    add(r, g, "PUT", ACTION, "Change an action/automation", "change-an-action-automation");
    add(r, g, "GET", ACTION, "Get an action/automation", "get-an-action-automation");
    add(r, g, "DELETE", ACTION, "Delete an action/automation", "delete-an-action-automation");
    add(
        r,
        g,
        "GET",
        ACTION + "/permissions",
        "Get an action's permissions",
        "get-an-actions-permissions");
    add(
        r,
        g,
        "PATCH",
        ACTION + "/permissions",
        "Update an action's permissions",
        "update-an-actions-permissions");
    String legacy = "Blueprint actions (deprecated since November 2024)";
    add(r, g, "POST", LEGACY_ACTIONS, legacy, null);
    add(r, g, "PUT", LEGACY_ACTIONS, legacy, null);
    add(r, g, "GET", LEGACY_ACTIONS, legacy, null);
    add(r, g, "PUT", LEGACY_ACTIONS + "/{action_identifier}", legacy, null);
    add(r, g, "GET", LEGACY_ACTIONS + "/{action_identifier}", legacy, null);
    add(r, g, "DELETE", LEGACY_ACTIONS + "/{action_identifier}", legacy, null);
    g = "Action runs";
    add(
        r,
        g,
        "POST",
        ACTION + "/runs",
        "Execute a self-service action",
        "execute-a-self-service-action");
    add(r, g, "PATCH", RUN, "Update an action run", "update-an-action-run");
    add(r, g, "GET", RUN, "Get an action run's details", "get-an-action-runs-details");
    add(r, g, "PATCH", RUN + "/approval", "Approve an action run", "approve-an-action-run");
    add(
        r,
        g,
        "GET",
        RUN + "/approvers",
        "Get an action run's approvers",
        "get-an-action-runs-approvers");
    add(r, g, "GET", "/v1/actions/runs", "Get all action runs", "get-all-action-runs");
    add(r, g, "POST", RUN + "/logs", "Add a log to an action run", "add-a-log-to-an-action-run");
    add(r, g, "GET", RUN + "/logs", "Get an action's run logs", "get-an-actions-run-logs");
    g = "Teams";
    add(
        r,
        g,
        "GET",
        "/v1/teams",
        "Get all teams in your organization",
        "get-all-teams-in-your-organization");
    add(r, g, "POST", "/v1/teams", "Create a team", "create-a-team");
    add(r, g, "GET", "/v1/teams/{name}", "Get a team", "get-a-team");
    add(r, g, "PATCH", "/v1/teams/{name}", "Update a team", "update-a-team");
    add(r, g, "PUT", "/v1/teams/{name}", "Change a team", "change-a-team");
    add(r, g, "DELETE", "/v1/teams/{name}", "Delete a team", "delete-a-team");
    g = "Users";
    add(
        r,
        g,
        "GET",
        "/v1/users",
        "Get all users in your organization",
        "get-all-users-in-your-organization");
    add(
        r,
        g,
        "POST",
        "/v1/users/invite",
        "Invite a user to your organization",
        "invite-a-user-to-your-organization");
    add(r, g, "GET", "/v1/users/{user_email}", "Get a user", "get-a-user");
    add(r, g, "PATCH", "/v1/users/{user_email}", "Update a user", "update-a-user");
    add(r, g, "DELETE", "/v1/users/{user_email}", "Delete a user", "delete-a-user");
    add(r, "Audit", "GET", "/v1/audit-log", "Get audit logs", "get-audit-logs");
    g = "Scorecards";
    add(r, g, "POST", BP + "/scorecards", "Create a scorecard", "create-a-scorecard");
    add(r, g, "PUT", BP + "/scorecards", "Change scorecards", "change-scorecards");
    add(
        r,
        g,
        "GET",
        BP + "/scorecards",
        "Get a blueprint's scorecards",
        "get-a-blueprints-scorecards");
    add(r, g, "PUT", SCORECARD, "Change a scorecard", "change-a-scorecard");
    add(r, g, "GET", SCORECARD, "Get a scorecard", "get-a-scorecard");
    add(r, g, "DELETE", SCORECARD, "Delete a scorecard", "delete-a-scorecard");
    add(r, g, "GET", "/v1/scorecards", "Get all scorecards", "get-all-scorecards");
    g = "Organization";
    add(r, g, "GET", "/v1/organization", "Get organization details", "get-organization-details");
    add(
        r,
        g,
        "PUT",
        "/v1/organization",
        "Change organization details",
        "change-organization-details");
    add(
        r,
        g,
        "PATCH",
        "/v1/organization",
        "Update organization details",
        "update-organization-details");
    add(
        r,
        g,
        "GET",
        "/v1/organization/secrets",
        "Get all organization secrets' metadata",
        "get-all-organization-secrets-metadata");
    add(
        r,
        g,
        "POST",
        "/v1/organization/secrets",
        "Create an organization secret",
        "create-an-organization-secret");
    add(
        r,
        g,
        "GET",
        "/v1/organization/secrets/{secret_name}",
        "Get an organization secret's metadata",
        "get-an-organization-secrets-metadata");
    add(
        r,
        g,
        "PATCH",
        "/v1/organization/secrets/{secret_name}",
        "Update an organization secret",
        "update-an-organization-secret");
    add(
        r,
        g,
        "DELETE",
        "/v1/organization/secrets/{secret_name}",
        "Delete an organization secret",
        "delete-an-organization-secret");
    g = "Integrations";
    add(r, g, "GET", "/v1/integration", "Get all integrations", "get-all-integrations");
    add(
        r,
        g,
        "GET",
        "/v1/integration/metadata",
        "Get all integrations meta-data (member view)",
        "get-all-integrations-meta-data-member-view");
    add(r, g, "GET", "/v1/integration/{identifier}", "Get an integration", "get-an-integration");
    add(
        r,
        g,
        "PATCH",
        "/v1/integration/{identifier}",
        "Update an integration",
        "update-an-integration");
    add(
        r,
        g,
        "DELETE",
        "/v1/integration/{identifier}",
        "Delete an integration",
        "delete-an-integration");
    add(
        r,
        g,
        "PATCH",
        "/v1/integration/{identifier}/config",
        "Update an integration's config",
        "update-an-integrations-config");
    add(
        r,
        g,
        "GET",
        "/v1/integration/{identifier}/logs",
        "Get an integration's audit logs",
        "get-an-integrations-audit-logs");
    g = "Webhook";
    add(r, g, "POST", "/v1/webhooks", "Create a webhook", "create-a-webhook");
    add(r, g, "GET", "/v1/webhooks", "Get all webhooks", "get-all-webhooks");
    add(
        r,
        g,
        "GET",
        "/v1/webhooks/metadata",
        "Get all webhooks meta-data (member view)",
        "get-all-webhooks-meta-data-member-view");
    add(r, g, "PATCH", "/v1/webhooks/{identifier}", "Update a webhook", "update-a-webhook");
    add(r, g, "PUT", "/v1/webhooks/{identifier}", "Change a webhook", "change-a-webhook");
    add(r, g, "GET", "/v1/webhooks/{identifier}", "Get a webhook", "get-a-webhook");
    add(r, g, "DELETE", "/v1/webhooks/{identifier}", "Delete a webhook", "delete-a-webhook");
    g = "Migrations";
    add(r, g, "GET", "/v1/migrations", "Get all migrations", "get-all-migrations");
    add(r, g, "POST", "/v1/migrations", "Create a migration", "create-a-migration");
    add(r, g, "GET", "/v1/migrations/{migration_id}", "Get a migration", "get-a-migration");
    add(
        r,
        g,
        "POST",
        "/v1/migrations/{migration_id}/cancel",
        "Cancel a migration",
        "cancel-a-migration");
    g = "Apps";
    add(r, g, "GET", "/v1/apps", "Get all credentials", "get-all-credentials");
    add(r, g, "DELETE", "/v1/apps/{id}", "Delete credentials", "delete-credentials");
    add(
        r,
        g,
        "PUT",
        "/v1/apps/{id}",
        "Change the name of a credentials set",
        "change-the-name-of-a-credentials-set");
    add(r, g, "POST", "/v1/apps/{id}/rotate-secret", "Rotate secret", "rotate-secret");
    g = "Pages";
    add(r, g, "GET", "/v1/pages", "Get all pages in your portal", null);
    add(r, g, "POST", "/v1/pages", "Create pages in your portal", "create-pages");
    add(r, g, "GET", "/v1/pages/{identifier}", "Get a page", "get-a-page");
    add(r, g, "PATCH", "/v1/pages/{identifier}", "Patch a page", null);
    add(r, g, "DELETE", "/v1/pages/{identifier}", "Delete a page", "delete-a-page");
    add(r, g, "POST", "/v1/pages/{identifier}/duplicate", "Duplicate a page", null);
    add(
        r,
        g,
        "GET",
        "/v1/pages/{page_identifier}/permissions",
        "Get a page's permissions",
        "get-a-pages-permissions");
    add(
        r,
        g,
        "PATCH",
        "/v1/pages/{page_identifier}/permissions",
        "Update a page's permissions",
        null);
    add(r, g, "POST", "/v1/pages/{page_identifier}/widgets", "Create a widget", null);
    add(r, g, "PATCH", "/v1/pages/{page_identifier}/widgets/{widget_id}", "Update a widget", null);
    add(r, g, "DELETE", "/v1/pages/{page_identifier}/widgets/{widget_id}", "Delete a widget", null);
    return List.copyOf(r);
  }

  private static void add(
      List<PortRoute> routes,
      String group,
      String method,
      String template,
      String name,
      String slug) {
    routes.add(new PortRoute(method, template, name, group, slug));
  }
}
