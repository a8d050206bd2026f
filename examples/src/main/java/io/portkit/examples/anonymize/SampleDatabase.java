package io.portkit.examples.anonymize;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * An embedded in-memory H2 database seeded with sample {@code customers}, {@code orders} and {@code
 * support_tickets}, the scenario's default source so it works without any database.
 *
 * <p>The database lives as long as the JVM. Thread-safe.
 */
public final class SampleDatabase {

  private static final String SCRIPT = "classpath:/io/portkit/examples/anonymize/sample-data.sql";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,50}");

  private SampleDatabase() {}

  /**
   * Returns the JDBC URL of the sample database called {@code name}.
   *
   * @param name letters, digits and {@code _}, at most 50; never null
   * @return the URL, {@code jdbc:h2:mem:<name>;DB_CLOSE_DELAY=-1}
   * @throws IllegalArgumentException if the name has other characters
   */
  public static String url(String name) {
    requireNonNull(name, "name == null");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid sample database name '" + name + "': use 1 to 50 letters, digits or '_'");
    }
    return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
  }

  /**
   * Opens the sample database called {@code name}, creating and seeding it on first use.
   *
   * @param name letters, digits and {@code _}, at most 50; never null
   * @return a source of connections to it
   * @throws SnapshotException if the database cannot be created or seeded
   */
  public static synchronized ConnectionSource open(String name) {
    return open(name, "");
  }

  /**
   * Opens the sample database called {@code name} for user {@code sa} with {@code password},
   * creating and seeding it on first use (the first open sets the password).
   *
   * @param password the password; never logged
   * @throws SnapshotException if the database cannot be created or seeded, or the password is not
   *     the one it was created with
   */
  public static synchronized ConnectionSource open(String name, String password) {
    requireNonNull(password, "password == null");
    ConnectionSource source = ConnectionSource.driverManager(url(name), "sa", password);
    try (Connection connection = source.open();
        Statement statement = connection.createStatement()) {
      if (!hasCustomers(connection)) {
        statement.execute("RUNSCRIPT FROM '" + SCRIPT + "'");
      }
    } catch (SQLException e) {
      throw new SnapshotException(
          "cannot create the sample database " + name + ": " + e.getMessage(), e);
    }
    return source;
  }

  private static boolean hasCustomers(Connection connection) throws SQLException {
    try (ResultSet tables =
        connection.getMetaData().getTables(null, "PUBLIC", "CUSTOMERS", new String[] {"TABLE"})) {
      return tables.next();
    }
  }
}
