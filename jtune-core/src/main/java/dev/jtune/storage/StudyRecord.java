package dev.jtune.storage;

import dev.jtune.study.StudyDirection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable snapshot of a study's own data, as a storage holds it.
 *
 * @param id the storage's identifier
 * @param name the unique name users know the study by
 * @param directions one direction per objective value
 * @param userAttrs attributes set by the user
 * @param systemAttrs attributes set by jtune
 */
public record StudyRecord(
    StudyId id,
    String name,
    List<StudyDirection> directions,
    Map<String, Object> userAttrs,
    Map<String, Object> systemAttrs) {

  public StudyRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    directions = List.copyOf(directions);
    userAttrs = Collections.unmodifiableMap(new LinkedHashMap<>(userAttrs));
    systemAttrs = Collections.unmodifiableMap(new LinkedHashMap<>(systemAttrs));
  }
}
