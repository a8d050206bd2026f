package io.portkit.examples.anonymize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DatabaseAnonymizerTest {

  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final String dbName = "anonymizer_test_" + DATABASES.incrementAndGet();
  private final ConnectionSource db = SampleDatabase.open(dbName);
  private final Masker masker = Masker.withKey("test-masking-key-0123456789");

  private DatabaseAnonymizer.Builder anonymizer() {
    return DatabaseAnonymizer.builder()
        .source(db, SampleDatabase.url(dbName) + ";USER=sa;PASSWORD=hunter2")
        .masker(masker)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .batchSize(3);
  }

  private long count(String sql) throws SQLException {
    try (Connection c = db.open();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private List<String> strings(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = db.open();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  private List<String> schemas() throws SQLException {
    return strings("SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA ORDER BY SCHEMA_NAME");
  }

  @Test
  void snapshot_chosenTables_copiesRowsAndReportsWhatTheEntityNeeds() throws Exception {
    List<String> progress = new ArrayList<>();
    SnapshotListener listener =
        new SnapshotListener() {
          @Override
          public void started(String schema, List<String> tables) {
            progress.add("started " + schema + " " + tables);
          }

          @Override
          public void tableCopied(TableSnapshot table, int index, int total) {
            progress.add(index + "/" + total + " " + table.table() + " " + table.rows());
          }
        };

    SnapshotResult result =
        anonymizer()
            .build()
            .snapshot(List.of("customers", " Orders ", "support_tickets"), "r_ABC-1", listener);

    assertThat(progress)
        .containsExactly(
            "started SNAPSHOT_R_ABC_1 [CUSTOMERS, ORDERS, SUPPORT_TICKETS]",
            "1/3 CUSTOMERS 8",
            "2/3 ORDERS 12",
            "3/3 SUPPORT_TICKETS 5");
    assertThat(result)
        .isEqualTo(
            new SnapshotResult(
                "snapshot_r_abc_1",
                "SNAPSHOT_R_ABC_1",
                "jdbc:h2:mem:" + dbName + ";DB_CLOSE_DELAY=-1",
                List.of(
                    new TableSnapshot("CUSTOMERS", 8, List.of("FULL_NAME", "EMAIL", "PHONE")),
                    new TableSnapshot("ORDERS", 12, List.of("CUSTOMER_EMAIL")),
                    new TableSnapshot(
                        "SUPPORT_TICKETS", 5, List.of("CONTACT_EMAIL", "CONTACT_PHONE"))),
                NOW));
    assertThat(result.properties())
        .containsEntry("total_rows", 25L)
        .containsEntry("row_counts", Map.of("CUSTOMERS", 8L, "ORDERS", 12L, "SUPPORT_TICKETS", 5L))
        .containsEntry(
            "masked_columns",
            List.of(
                "CUSTOMERS.FULL_NAME",
                "CUSTOMERS.EMAIL",
                "CUSTOMERS.PHONE",
                "ORDERS.CUSTOMER_EMAIL",
                "SUPPORT_TICKETS.CONTACT_EMAIL",
                "SUPPORT_TICKETS.CONTACT_PHONE"))
        .containsEntry("created_at", "2026-03-04T05:06:07Z")
        .doesNotContainValue("hunter2");
    assertThat(count("SELECT COUNT(*) FROM SNAPSHOT_R_ABC_1.ORDERS")).isEqualTo(12);
    assertThat(count("SELECT SUM(AMOUNT_CENTS) FROM SNAPSHOT_R_ABC_1.ORDERS"))
        .isEqualTo(count("SELECT SUM(AMOUNT_CENTS) FROM ORDERS"));
  }

  @Test
  void snapshot_personalColumns_maskedDeterministicallyAndNothingLeaks() throws Exception {
    anonymizer().build().snapshot(List.of("customers"), "r_1", SnapshotListener.NONE);

    assertThat(strings("SELECT EMAIL FROM SNAPSHOT_R_1.CUSTOMERS WHERE ID = 1"))
        .containsExactly(masker.mask(MaskKind.EMAIL, "ada.lindqvist@mail.test"));
    assertThat(strings("SELECT FULL_NAME FROM SNAPSHOT_R_1.CUSTOMERS WHERE ID = 1"))
        .containsExactly(masker.mask(MaskKind.NAME, "Ada Lindqvist"));
    assertThat(strings("SELECT PHONE FROM SNAPSHOT_R_1.CUSTOMERS WHERE ID = 4"))
        .containsExactly((String) null);
    assertThat(strings("SELECT COUNTRY FROM SNAPSHOT_R_1.CUSTOMERS ORDER BY ID"))
        .isEqualTo(strings("SELECT COUNTRY FROM CUSTOMERS ORDER BY ID"));
    List<String> copied =
        strings(
            "SELECT EMAIL || ' ' || FULL_NAME || ' ' || COALESCE(PHONE, '')"
                + " FROM SNAPSHOT_R_1.CUSTOMERS");
    assertThat(copied)
        .hasSize(8)
        .noneMatch(row -> row.contains("mail.test"))
        .noneMatch(row -> row.contains("Lindqvist"));
    assertThat(count("SELECT COUNT(DISTINCT EMAIL) FROM SNAPSHOT_R_1.CUSTOMERS")).isEqualTo(8);
  }

  @Test
  void snapshot_maskedJoinColumns_joinsStillMatch() throws Exception {
    anonymizer().build().snapshot(List.of(), "r_2", SnapshotListener.NONE);

    String join =
        "SELECT COUNT(*) FROM %1$sORDERS o JOIN %1$sCUSTOMERS c ON o.CUSTOMER_EMAIL = c.EMAIL";
    assertThat(count(String.format(join, "SNAPSHOT_R_2.")))
        .isEqualTo(12)
        .isEqualTo(count(String.format(join, "")));
    String tickets =
        "SELECT COUNT(*) FROM %1$sSUPPORT_TICKETS t JOIN %1$sCUSTOMERS c"
            + " ON t.CONTACT_EMAIL = c.EMAIL AND t.CUSTOMER_ID = c.ID";
    assertThat(count(String.format(tickets, "SNAPSHOT_R_2.")))
        .isEqualTo(4)
        .isEqualTo(count(String.format(tickets, "")));
  }

  @Test
  void snapshot_noRunId_namesSchemaFromClock() throws Exception {
    SnapshotResult result =
        anonymizer().build().snapshot(List.of("orders"), null, SnapshotListener.NONE);
    assertThat(result.schema()).isEqualTo("SNAPSHOT_20260304_050607");
    assertThat(result.identifier()).isEqualTo("snapshot_20260304_050607");
    assertThat(schemas()).contains("SNAPSHOT_20260304_050607");
  }

  @Test
  void snapshot_unknownTable_throwsListingAvailableTablesAndCreatesNothing() throws Exception {
    assertThatThrownBy(
            () ->
                anonymizer()
                    .build()
                    .snapshot(
                        List.of("customers", "invoices", "users"), "r_3", SnapshotListener.NONE))
        .isInstanceOf(SnapshotException.class)
        .hasMessage(
            "unknown tables invoices, users in schema PUBLIC; available tables:"
                + " CUSTOMERS, ORDERS, SUPPORT_TICKETS");
    assertThat(schemas()).doesNotContain("SNAPSHOT_R_3");
  }

  @Test
  void snapshot_listenerThrowsOnSecondTable_dropsTheNewSchemaAndPropagates() throws Exception {
    SnapshotListener failing =
        (table, index, total) -> {
          if (index == 2) {
            throw new IllegalStateException("reporter down");
          }
        };
    assertThatThrownBy(() -> anonymizer().build().snapshot(List.of(), "r_4", failing))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("reporter down");
    assertThat(schemas()).doesNotContain("SNAPSHOT_R_4");
  }

  @Test
  void snapshot_sourceTableVanishesMidway_dropsTheNewSchemaAndSaysWhy() throws Exception {
    SnapshotListener dropper =
        (table, index, total) -> {
          try (Connection c = db.open();
              Statement s = c.createStatement()) {
            s.execute("DROP TABLE SUPPORT_TICKETS");
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        };
    assertThatThrownBy(
            () ->
                anonymizer().build().snapshot(List.of("orders", "support_tickets"), "r_5", dropper))
        .isInstanceOf(SnapshotException.class)
        .hasMessage(
            "snapshot SNAPSHOT_R_5 failed and was removed: table SUPPORT_TICKETS no longer"
                + " exists or has no columns");
    assertThat(schemas()).doesNotContain("SNAPSHOT_R_5");
  }

  @Test
  void snapshot_schemaAlreadyExists_throwsAndKeepsIt() throws Exception {
    anonymizer().build().snapshot(List.of("orders"), "r_6", SnapshotListener.NONE);
    assertThatThrownBy(
            () -> anonymizer().build().snapshot(List.of("orders"), "R_6", SnapshotListener.NONE))
        .isInstanceOf(SnapshotException.class)
        .hasMessage("schema SNAPSHOT_R_6 already exists: drop it or use another run id");
    assertThat(count("SELECT COUNT(*) FROM SNAPSHOT_R_6.ORDERS")).isEqualTo(12);
  }

  @Test
  void snapshot_ruleMatchesNonTextColumn_throwsNamingColumn() throws Exception {
    DatabaseAnonymizer anonymizer =
        anonymizer().rules(MaskingRules.defaults().with("amount_cents", MaskKind.PHONE)).build();
    assertThatThrownBy(
            () -> anonymizer.snapshot(List.of("customers", "orders"), "r_7", SnapshotListener.NONE))
        .isInstanceOf(SnapshotException.class)
        .hasMessage(
            "snapshot SNAPSHOT_R_7 failed and was removed: column ORDERS.AMOUNT_CENTS matches the PHONE masking rule but has type"
                + " INTEGER; only text columns can be masked: change the masking rules or exclude the"
                + " table");
    assertThat(schemas()).doesNotContain("SNAPSHOT_R_7");
  }

  @Test
  void snapshot_unreachableDatabase_throwsWithoutCredentials() {
    DatabaseAnonymizer anonymizer =
        DatabaseAnonymizer.builder()
            .source(
                () -> {
                  throw new SQLException("Connection refused");
                },
                "jdbc:postgresql://app:hunter2@db.invalid/shop")
            .masker(masker)
            .build();
    assertThatThrownBy(() -> anonymizer.snapshot(List.of(), "r_8", SnapshotListener.NONE))
        .isInstanceOf(SnapshotException.class)
        .hasMessage(
            "cannot read the source database jdbc:postgresql://db.invalid/shop:"
                + " Connection refused");
  }

  @Test
  void build_missingSettings_throwNamingThem() {
    assertThatThrownBy(() -> DatabaseAnonymizer.builder().masker(masker).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "source required: call source(ConnectionSource, jdbcUrl), for example with"
                + " SampleDatabase.open(name)");
    assertThatThrownBy(() -> DatabaseAnonymizer.builder().source(db, "jdbc:h2:mem:x").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("masker required: call masker(Masker.withKey(secret))");
  }

  @Test
  void sampleDatabase_openedTwice_seedsOnce() throws Exception {
    SampleDatabase.open(dbName);
    assertThat(count("SELECT COUNT(*) FROM CUSTOMERS")).isEqualTo(8);
  }
}
