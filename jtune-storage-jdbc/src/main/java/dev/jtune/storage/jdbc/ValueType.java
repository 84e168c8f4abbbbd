package dev.jtune.storage.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Optuna's encoding of objective and intermediate values: a nullable double plus a type column
 * naming {@code FINITE}, {@code INF_POS}, {@code INF_NEG} or (intermediate values only)
 * {@code NAN}, because not every database stores non-finite doubles.
 */
enum ValueType {
  FINITE, INF_POS, INF_NEG, NAN;

  static ValueType of(double value) {
    if (Double.isNaN(value)) {
      return NAN;
    }
    if (value == Double.POSITIVE_INFINITY) {
      return INF_POS;
    }
    return value == Double.NEGATIVE_INFINITY ? INF_NEG : FINITE;
  }

  /** Binds the value column at {@code index} and the type column at {@code index + 1}. */
  static void bind(PreparedStatement ps, int index, double value) throws SQLException {
    ValueType type = of(value);
    if (type == FINITE) {
      ps.setDouble(index, value);
    } else {
      ps.setNull(index, Types.DOUBLE);
    }
    ps.setString(index + 1, type.name());
  }

  /** Reads the value column at {@code index} and the type column at {@code index + 1}. */
  static double read(ResultSet rs, int index) throws SQLException {
    double value = rs.getDouble(index);
    return switch (valueOf(rs.getString(index + 1))) {
      case FINITE -> value;
      case INF_POS -> Double.POSITIVE_INFINITY;
      case INF_NEG -> Double.NEGATIVE_INFINITY;
      case NAN -> Double.NaN;
    };
  }
}
