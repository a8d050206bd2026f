package io.portkit.examples.anonymize;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * Opens JDBC connections; each call returns a new connection the caller closes.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ConnectionSource {

  /**
   * Opens a connection.
   *
   * @return a new open connection; never null
   * @throws SQLException if the database cannot be reached or refuses the credentials
   */
  Connection open() throws SQLException;

  /**
   * Returns a source that opens connections with {@link DriverManager}.
   *
   * @param jdbcUrl the JDBC URL, for example {@code jdbc:postgresql://db:5432/shop}; never null
   * @param user the user name; may be null when the URL carries it
   * @param password the password; may be null; never logged or shown
   * @return the source
   */
  static ConnectionSource driverManager(String jdbcUrl, @Nullable String user, String password) {
    requireNonNull(jdbcUrl, "jdbcUrl == null");
    return () -> DriverManager.getConnection(jdbcUrl, user, password);
  }
}
