package io.portkit.client.entity;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A search of one blueprint's entities ({@code POST /v1/blueprints/{bp}/entities/search}): an
 * optional query, the fields to include or exclude, a page size and the page to start from.
 *
 * <pre>{@code
 * EntityPage page = client.entities().search("service", EntitySearch.builder()
 *     .query(SearchQuery.and(SearchRule.of("tier", SearchOperator.EQUALS, "gold")))
 *     .include("$identifier", "$title", "tier")
 *     .limit(50)
 *     .build());
 * EntityPage more = client.entities().search("service", search.from(page.next()));
 * }</pre>
 *
 * @param query the filter, or null for every entity of the blueprint
 * @param include properties, relations or {@code $} meta-properties to return (all when empty)
 * @param exclude properties, relations or meta-properties to leave out
 * @param limit the page size, 1 to 1000, or null for Port's default (200)
 * @param from the {@code next} value of the previous page, or null for the first page
 */
public record EntitySearch(
    @Nullable SearchQuery query,
    List<String> include,
    List<String> exclude,
    @Nullable Integer limit,
    @Nullable String from) {
  /**
   * Validates and copies the search.
   *
   * @throws IllegalArgumentException if {@code limit} is outside 1..1000
   */
  public EntitySearch {
    include = List.copyOf(Objects.requireNonNull(include, "include == null"));
    exclude = List.copyOf(Objects.requireNonNull(exclude, "exclude == null"));
    if (limit != null && (limit < 1 || limit > 1000)) {
      throw new IllegalArgumentException("limit must be in 1..1000, got " + limit);
    }
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a copy starting at page {@code next} (null for the first page). */
  public EntitySearch from(@Nullable String next) {
    return new EntitySearch(query, include, exclude, limit, next);
  }

  /** Returns the request body. */
  public ObjectNode toJson() {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    if (query != null) {
      body.set("query", query.toJson());
    }
    if (!include.isEmpty()) {
      include.forEach(body.putArray("include")::add);
    }
    if (!exclude.isEmpty()) {
      exclude.forEach(body.putArray("exclude")::add);
    }
    if (limit != null) {
      body.put("limit", limit);
    }
    if (from != null) {
      body.put("from", from);
    }
    return body;
  }

  /** Builds an {@link EntitySearch}. Not thread-safe. */
  public static final class Builder {
    private SearchQuery query;
    private final List<String> include = new ArrayList<>();
    private final List<String> exclude = new ArrayList<>();
    private Integer limit;
    private String from;

    private Builder() {}

    /** Sets the filter. */
    public Builder query(SearchQuery query) {
      this.query = Objects.requireNonNull(query, "query == null");
      return this;
    }

    /** Adds fields to return. */
    public Builder include(String... fields) {
      include.addAll(List.of(fields));
      return this;
    }

    /** Adds fields to leave out. */
    public Builder exclude(String... fields) {
      exclude.addAll(List.of(fields));
      return this;
    }

    /** Sets the page size (1..1000). */
    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    /** Sets the page to start from: the {@code next} value of the previous page. */
    public Builder from(String next) {
      this.from = Objects.requireNonNull(next, "next == null");
      return this;
    }

    /**
     * Returns the search.
     *
     * @throws IllegalArgumentException if the limit is outside 1..1000
     */
    public EntitySearch build() {
      return new EntitySearch(query, include, exclude, limit, from);
    }
  }
}
