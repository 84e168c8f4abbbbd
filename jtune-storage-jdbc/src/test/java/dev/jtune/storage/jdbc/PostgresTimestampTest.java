package dev.jtune.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL keeps Optuna's naive UTC timestamps whatever the JVM's zone: a UTC wall time that
 * falls in the zone's spring-forward gap (02:30 on the last Sunday of March in Berlin) is stored
 * and read back as it is, not an hour later.
 */
class PostgresTimestampTest {

  @Test
  void aUtcTimeInTheJvmZonesDaylightSavingGapIsStoredAsItIs() throws Exception {
    Instant inGap = Instant.parse("2026-03-29T02:30:00Z");
    TimeZone before = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
    try (Connection c = DriverManager.getConnection(PostgresServer.newDatabaseUrl());
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE stamps (ts TIMESTAMP WITHOUT TIME ZONE)");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO stamps (ts) VALUES (?)")) {
        SqlDialect.POSTGRESQL.setTimestamp(ps, 1, inGap);
        ps.executeUpdate();
      }
      try (ResultSet rs = s.executeQuery("SELECT ts, ts::text FROM stamps")) {
        rs.next();
        assertThat(rs.getString(2)).isEqualTo("2026-03-29 02:30:00");
        assertThat(SqlDialect.POSTGRESQL.getTimestamp(rs, 1)).isEqualTo(inGap);
      }
    } finally {
      TimeZone.setDefault(before);
    }
  }
}
