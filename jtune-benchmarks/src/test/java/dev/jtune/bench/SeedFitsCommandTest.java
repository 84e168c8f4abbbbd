package dev.jtune.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SeedFitsCommandTest {

  @Test
  void timesEachFixedConfigurationOnce() throws Exception {
    BenchOutput run = BenchOutput.of("seed-fits", "--fits", "1", "--warmup", "0");
    assertThat(run.status()).isZero();
    JsonNode out = new ObjectMapper().readTree(run.out());
    assertThat(out.get("tool").asText()).isEqualTo("jtune");
    JsonNode ms = out.get("ms_per_fit");
    assertThat(ms.fieldNames()).toIterable().containsExactly("batch16_layers1",
        "batch16_layers3", "batch64_layers1", "batch64_layers3");
    ms.forEach(v -> assertThat(v.asDouble()).isPositive());
  }
}
