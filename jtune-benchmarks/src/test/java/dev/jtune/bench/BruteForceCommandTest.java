package dev.jtune.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The brute-force benchmark runs its conditional space to exhaustion (a smoke test). */
class BruteForceCommandTest {
  @Test
  void triesEveryCombinationOnce() throws Exception {
    BenchOutput output = BenchOutput.of("brute-force", "--n", "3", "--seeds", "0");
    assertThat(output.status()).isZero();
    JsonNode run = new ObjectMapper().readTree(output.out().lines().findFirst().orElseThrow());
    // a in {0, 2}: 3 x 3 each; a = 1: 3
    assertThat(run.get("trials").asInt()).isEqualTo(21);
    assertThat(run.get("distinct").asInt()).isEqualTo(21);
  }
}
