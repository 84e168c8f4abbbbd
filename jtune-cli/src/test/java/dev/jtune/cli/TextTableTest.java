package dev.jtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TextTableTest {

  @Test
  void aCellWithALineBreakStaysOnItsRowsLine() {
    String table = new TextTable("number", "params")
        .row(0, Map.of("c", "n\nl"))
        .row(1, Map.of("c", "tab\there"))
        .toString();
    assertThat(table.lines()).containsExactly("number  params", "0       {c=n\\nl}",
        "1       {c=tab\\there}");
  }
}
