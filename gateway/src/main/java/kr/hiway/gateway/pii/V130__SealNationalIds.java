package kr.hiway.gateway.pii;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import kr.hiway.gateway.pii.NationalIdCipher.Column;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Seals the national identifiers already stored in clear ({@code patient_account}, {@code
 * pseudonym_index}) and drops the clear columns, in the migration's one transaction. A Java
 * migration, because production databases may hold rows and only the gateway has the key; a Spring
 * bean, so that Spring Boot's Flyway runs it with the configured key. Runs in the history the
 * gateway and consent modules share.
 */
@Component
class V130__SealNationalIds extends BaseJavaMigration {

  private final NationalIdCipher cipher;

  V130__SealNationalIds(NationalIdCipher cipher) {
    this.cipher = cipher;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    try (Statement s = c.createStatement()) {
      s.execute("ALTER TABLE patient_account ADD COLUMN national_id_sealed VARCHAR(100)");
      s.execute("ALTER TABLE patient_account ADD COLUMN national_id_hash VARCHAR(64)");
      s.execute("ALTER TABLE pseudonym_index ADD COLUMN national_id_sealed VARCHAR(100)");
    }
    sealAccounts(c);
    sealIndex(c);
    try (Statement s = c.createStatement()) {
      s.execute("ALTER TABLE patient_account DROP COLUMN national_id");
      s.execute("ALTER TABLE patient_account ALTER COLUMN national_id_sealed SET NOT NULL");
      s.execute("ALTER TABLE patient_account ALTER COLUMN national_id_hash SET NOT NULL");
      s.execute(
          "ALTER TABLE patient_account ADD CONSTRAINT patient_account_national_id_hash"
              + " UNIQUE (national_id_hash)");
      s.execute("ALTER TABLE pseudonym_index DROP COLUMN national_id");
      s.execute("ALTER TABLE pseudonym_index ALTER COLUMN national_id_sealed SET NOT NULL");
    }
  }

  private void sealAccounts(Connection c) throws SQLException {
    List<String[]> rows = rows(c, "SELECT username, national_id FROM patient_account");
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE patient_account SET national_id_sealed = ?, national_id_hash = ?"
                + " WHERE username = ?")) {
      for (String[] row : rows) {
        update.setString(1, cipher.seal(Column.PATIENT_ACCOUNT, row[0], row[1]));
        update.setString(2, cipher.lookupHash(row[1]));
        update.setString(3, row[0]);
        update.executeUpdate();
      }
    }
  }

  private void sealIndex(Connection c) throws SQLException {
    List<String[]> rows = rows(c, "SELECT domain, pseudonym, national_id FROM pseudonym_index");
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE pseudonym_index SET national_id_sealed = ? WHERE domain = ? AND pseudonym = ?")) {
      for (String[] row : rows) {
        String key = NationalIdCipher.indexRow(row[0], row[1]);
        update.setString(1, cipher.seal(Column.PSEUDONYM_INDEX, key, row[2]));
        update.setString(2, row[0]);
        update.setString(3, row[1]);
        update.executeUpdate();
      }
    }
  }

  private static List<String[]> rows(Connection c, String sql) throws SQLException {
    List<String[]> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        String[] row = new String[n];
        for (int i = 0; i < n; i++) {
          row[i] = rs.getString(i + 1);
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
