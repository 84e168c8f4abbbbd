package dev.jtune.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Distributions and attribute values survive the trip through Optuna's JSON. */
class CodecTest {

  /** What the codec writes it reads back, however long (Jackson's default limits are lifted). */
  @Test
  void longStringsAndNumbersRoundTrip() {
    String longText = "y".repeat(20_000_001);
    assertThat(JsonCodec.read(JsonCodec.write(longText))).isEqualTo(longText);
    java.math.BigInteger big = java.math.BigInteger.TEN.pow(1500);
    assertThat(JsonCodec.read(JsonCodec.write(big))).isEqualTo(big);
    assertThatThrownBy(() -> JsonCodec.read("{" + "x".repeat(500)))
        .hasMessageContaining("... (501 characters)");
  }

  /** Optuna allows integers beyond Java's int: refused by name, never truncated to 32 bits. */
  @Test
  void anIntegerDistributionBeyondJavaIntsIsRefusedNotTruncated() {
    assertThatThrownBy(() -> DistributionJson.read("{\"name\": \"IntDistribution\", "
        + "\"attributes\": {\"log\": false, \"step\": 1, \"low\": 1, \"high\": 10000000000}}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("high is 10000000000, which jtune cannot hold");
    assertThat(DistributionJson.read("{\"name\": \"IntDistribution\", \"attributes\": "
        + "{\"log\": false, \"step\": 1, \"low\": -2147483648, \"high\": 2147483647}}"))
        .isEqualTo(new IntDistribution(Integer.MIN_VALUE, Integer.MAX_VALUE, false, 1));
  }

  @Test
  void randomDistributionsRoundTrip() {
    Random random = new Random(11);
    for (int i = 0; i < 2_000; i++) {
      Distribution d = switch (random.nextInt(5)) {
        case 0 -> {
          double low = random.nextGaussian() * 100;
          yield FloatDistribution.uniform(low, low + random.nextDouble() * 1e3);
        }
        case 1 -> {
          double low = Math.exp(random.nextGaussian() * 5);
          yield FloatDistribution.logUniform(low, low * (1 + random.nextDouble() * 1e4));
        }
        case 2 -> FloatDistribution.stepped(-1, 1 + random.nextInt(10), 0.25);
        case 3 -> {
          int low = random.nextInt(2000) - 1000;
          yield random.nextBoolean() ? IntDistribution.stepped(low, low + random.nextInt(500),
              1 + random.nextInt(7)) : IntDistribution.logUniform(1 + random.nextInt(5), 1000);
        }
        default -> CategoricalDistribution.of("a", null, random.nextInt(100), true,
            random.nextDouble());
      };
      assertThat(DistributionJson.read(DistributionJson.write(d))).isEqualTo(d);
    }
  }

  @Test
  void readsOptunasDeprecatedDistributions() {
    assertThat(DistributionJson.read(
        "{\"name\": \"UniformDistribution\", \"attributes\": {\"low\": 0.0, \"high\": 2.0}}"))
        .isEqualTo(FloatDistribution.uniform(0, 2));
    assertThat(DistributionJson.read(
        "{\"name\": \"LogUniformDistribution\", \"attributes\": {\"low\": 0.1, \"high\": 2.0}}"))
        .isEqualTo(FloatDistribution.logUniform(0.1, 2));
    assertThat(DistributionJson.read("{\"name\": \"DiscreteUniformDistribution\","
        + " \"attributes\": {\"low\": 0.0, \"high\": 1.0, \"q\": 0.5}}"))
        .isEqualTo(FloatDistribution.stepped(0, 1, 0.5));
    assertThat(DistributionJson.read("{\"name\": \"IntUniformDistribution\","
        + " \"attributes\": {\"low\": 0, \"high\": 10, \"step\": 2}}"))
        .isEqualTo(IntDistribution.stepped(0, 10, 2));
    assertThat(DistributionJson.read("{\"name\": \"IntLogUniformDistribution\","
        + " \"attributes\": {\"low\": 1, \"high\": 10, \"step\": 1}}"))
        .isEqualTo(IntDistribution.logUniform(1, 10));
    assertThat(DistributionJson.read("{\"type\": \"categorical\", \"choices\": [\"x\", 2]}"))
        .isEqualTo(CategoricalDistribution.of("x", 2));
    assertThatThrownBy(() -> DistributionJson.read("{\"name\": \"Nope\", \"attributes\": {}}"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("Nope");
  }

  @Test
  void attributeValuesUsePythonsJson() {
    Map<String, Object> value = Map.of("n", Double.NaN, "l", Arrays.asList(1,
        Double.NEGATIVE_INFINITY, null, "s", List.of(true)));
    String json = AttributeValues.json("k", value);
    assertThat(json).contains("NaN").contains("-Infinity");
    assertThat(JsonCodec.read(json)).isEqualTo(AttributeValues.normalize("k", value));
    assertThat(AttributeValues.normalize("k", Thread.State.NEW)).isEqualTo("NEW");
  }
}
