package dev.jtune.cli.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads YAML text into a {@link ConfigValue} tree with a position for every value and key. Only
 * the YAML composer runs (no object construction, no tags turned into classes), aliases are capped,
 * and the tree is bounded in depth and size, so any input ends quickly in a tree or a
 * {@link ConfigException} naming the file, line and column.
 */
public final class YamlSource {
  private static final int MAX_DEPTH = 32;
  private static final int MAX_NODES = 100_000;
  private static final int MAX_CHARS = 1 << 20;

  private final String source;
  private int nodes;

  private YamlSource(String source) {
    this.source = source;
  }

  /**
   * Reads a YAML file whose top level must be a mapping.
   *
   * @throws ConfigException naming the path if it cannot be read, or the position of a syntax error
   */
  public static ConfigValue.Mapping load(Path file) {
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length > MAX_CHARS) {
        throw new ConfigException(Origin.of(file.toString()), "",
            "the file has " + bytes.length + " bytes; a study file may have at most " + MAX_CHARS);
      }
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (NoSuchFileException e) {
      throw new ConfigException(Origin.of(file.toString()), "", "no such file");
    } catch (CharacterCodingException e) {
      throw new ConfigException(Origin.of(file.toString()), "", "the file is not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException(Origin.of(file.toString()), "", "cannot read the file: " + e);
    }
    return parse(text, file.toString());
  }

  /**
   * Parses YAML text whose top level must be a mapping; {@code source} names it in messages.
   *
   * @throws ConfigException at the position of the problem
   */
  public static ConfigValue.Mapping parse(String text, String source) {
    if (text.length() > MAX_CHARS) {
      throw new ConfigException(Origin.of(source), "",
          "the text has " + text.length() + " characters; at most " + MAX_CHARS + " are read");
    }
    LoadSettings settings = LoadSettings.builder().setLabel(source)
        .setMaxAliasesForCollections(20).setAllowRecursiveKeys(false)
        .setCodePointLimit(MAX_CHARS).build();
    Optional<Node> root;
    try {
      root = new Compose(settings).composeString(text);
    } catch (MarkedYamlEngineException e) {
      Origin at = e.getProblemMark().or(e::getContextMark).map(m -> at(source, m))
          .orElse(Origin.of(source));
      String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
      String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
      throw new ConfigException(at, "", "YAML syntax error: " + problem + context);
    } catch (RuntimeException e) {
      throw new ConfigException(Origin.of(source), "", "YAML syntax error: " + oneLine(e.getMessage()));
    } catch (StackOverflowError e) {
      // the YAML parser recurses per nesting level; pure parsing holds no lock, so this is safe
      throw new ConfigException(Origin.of(source), "", "nested too deeply (more than "
          + MAX_DEPTH + " levels are never needed)");
    }
    if (root.isEmpty()) {
      throw new ConfigException(Origin.of(source), "", "the file is empty; a study file is a "
          + "mapping with keys such as name, direction, objective, space, sampler, budget");
    }
    ConfigValue value = new YamlSource(source).convert(root.get(), 0);
    if (!(value instanceof ConfigValue.Mapping mapping)) {
      throw new ConfigException(value.origin(), "", "expected a mapping of keys (name: ..., "
          + "objective: ..., ...) at the top level, found " + value.kind());
    }
    return mapping;
  }

  private ConfigValue convert(Node node, int depth) {
    Origin origin = node.getStartMark().map(m -> at(source, m)).orElse(Origin.of(source));
    if (depth > MAX_DEPTH) {
      throw new ConfigException(origin, "", "nested more than " + MAX_DEPTH + " levels deep");
    }
    if (++nodes > MAX_NODES) {
      throw new ConfigException(origin, "", "more than " + MAX_NODES + " values (aliases count "
          + "each time they are used)");
    }
    if (node instanceof ScalarNode scalar) {
      return new ConfigValue.Scalar(scalar.getValue(), scalar.getScalarStyle() != ScalarStyle.PLAIN,
          origin);
    }
    if (node instanceof SequenceNode sequence) {
      List<ConfigValue> items = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        items.add(convert(item, depth + 1));
      }
      return new ConfigValue.Sequence(items, origin);
    }
    if (node instanceof MappingNode mapping) {
      Map<String, ConfigValue> entries = new LinkedHashMap<>();
      Map<String, Origin> keys = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        Node keyNode = tuple.getKeyNode();
        Origin keyOrigin = keyNode.getStartMark().map(m -> at(source, m)).orElse(origin);
        if (!(keyNode instanceof ScalarNode keyScalar)) {
          throw new ConfigException(keyOrigin, "", "a key must be a plain name, found a "
              + (keyNode instanceof MappingNode ? "mapping" : "list") + " used as a key");
        }
        String key = keyScalar.getValue();
        if (entries.containsKey(key)) {
          throw new ConfigException(keyOrigin, key, "duplicate key; it is already set at "
              + keys.get(key).describe());
        }
        keys.put(key, keyOrigin);
        entries.put(key, convert(tuple.getValueNode(), depth + 1));
      }
      return new ConfigValue.Mapping(entries, keys, origin);
    }
    throw new ConfigException(origin, "", "unsupported YAML node " + node.getNodeType());
  }

  private static Origin at(String source, Mark mark) {
    return new Origin(source, mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "invalid YAML";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
