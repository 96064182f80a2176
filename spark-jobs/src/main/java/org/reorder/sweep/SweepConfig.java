package org.reorder.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.reorder.config.ConfigException;
import org.reorder.config.ConfigNode;
import org.reorder.config.ExperimentConfig;
import org.reorder.model.ModelType;
import org.reorder.order.Orders;
import org.reorder.order.ScanOrder;

/**
 * A sweep file: one base experiment config and the axes it is crossed over, plus the distributed
 * runtime. Parsed once, validated with errors that name the key (and the run, for errors inside an
 * expanded experiment).
 *
 * <pre>
 * name: paper-sweep
 * experiment: paper-vit-fixed.yaml     # a path (relative to this file; local, hdfs://, s3a://)
 *                                      # or an inline mapping
 * models: [vit, longformer, transformer-xl, mamba]          # default: these four
 * orders: [row, column, hilbert, spiral, diagonal, snake]  # default: ScanOrder.PAPER_ORDERS
 * modes: [fixed, reorder]                                   # default: both
 * set: ["training.epochs=100"]                              # overrides for every run
 * runtime: {steps_per_round: 10, replicas: 1, keep_checkpoints: 2, run_dir: runs/paper-sweep}
 * </pre>
 *
 * @param name the sweep's name
 * @param runs the expanded runs, in axis order (models outermost, modes innermost)
 * @param runtime how the runs are distributed
 * @param resolvedYaml the sweep with every key resolved (the experiment inlined) but the run
 *     directory, as YAML
 */
public record SweepConfig(String name, List<RunSpec> runs, SweepRuntime runtime,
    String resolvedYaml) {

  static final List<String> DEFAULT_MODELS =
      List.of("vit", "longformer", "transformer-xl", "mamba");
  static final List<String> DEFAULT_MODES = List.of("fixed", "reorder");
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  public SweepConfig {
    runs = List.copyOf(runs);
    if (runs.isEmpty()) {
      throw new ConfigException("the sweep has no runs (models, orders and modes must be non-empty)");
    }
  }

  /**
   * Reads the sweep file at {@code location} (a local path, hdfs:// or s3a://, through Hadoop's
   * FileSystem with {@code conf}); {@code runDir} (may be null) replaces {@code runtime.run_dir}.
   *
   * @throws ConfigException naming the file, key or run
   */
  public static SweepConfig load(String location, Configuration conf, String runDir) {
    Path file = new Path(location);
    String stem = file.getName().replaceFirst("\\.ya?ml$", "");
    return parse(readText(location, conf, "sweep config"), location, stem,
        relative -> {
          Path p = new Path(relative).isAbsolute()
              || relative.contains("://") ? new Path(relative)
              : new Path(file.getParent(), relative);
          return new String[] {p.toString(),
              readText(p.toString(), conf, "experiment config (key experiment)")};
        }, runDir);
  }

  /**
   * Reads a UTF-8 text file through Hadoop's FileSystem ({@code what} names it in errors).
   *
   * @throws ConfigException when it is missing or unreadable
   */
  public static String readText(String location, Configuration conf, String what) {
    Path p = new Path(location);
    try {
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        throw new ConfigException(what + " " + location + " does not exist");
      }
      try (java.io.InputStream in = fs.open(p)) {
        return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new ConfigException("cannot read " + what + " " + location + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * Parses sweep YAML {@code text}; {@code source} names it in errors, {@code experimentFiles}
   * reads an {@code experiment:} path (null: paths are not allowed) into {location, text}.
   */
  public static SweepConfig parse(String text, String source, String defaultName,
      Function<String, String[]> experimentFiles, String runDir) {
    ObjectNode root = mapping(text, source);
    JsonNode experimentNode = root.remove("experiment");
    String experimentText;
    String experimentSource;
    if (experimentNode == null || experimentNode.isNull()) {
      throw ConfigException.at("experiment", "is required: a path to an experiment YAML or an "
          + "inline mapping (" + source + ")");
    } else if (experimentNode.isTextual() && experimentFiles != null) {
      String[] file = experimentFiles.apply(experimentNode.asText());
      experimentSource = file[0];
      experimentText = file[1];
    } else if (experimentNode.isObject()) {
      experimentText = yaml(experimentNode);
      experimentSource = source + " (experiment)";
    } else if (experimentNode.isTextual()) {
      throw ConfigException.at("experiment", "a path needs a sweep file to resolve it against; "
          + "inline the experiment as a mapping (" + source + ")");
    } else {
      throw ConfigException.at("experiment", "must be a path or a mapping (" + source + ")");
    }
    ConfigNode n = new ConfigNode("", root);
    String name = n.string("name", defaultName);
    List<String> models = n.strings("models", DEFAULT_MODELS);
    List<String> orders = n.strings("orders",
        ScanOrder.PAPER_ORDERS.stream().map(ScanOrder::cliName).toList());
    List<String> modeNames = n.strings("modes", DEFAULT_MODES);
    List<String> overrides = n.strings("set", List.of());
    SweepRuntime runtime = SweepRuntime.read(n.section("runtime"), "runs/" + name);
    n.finish();
    if (runDir != null) {
      runtime = runtime.withRunDir(runDir);
    }
    for (int i = 0; i < models.size(); i++) {
      final int at = i;
      named("models[" + i + "]", () -> ModelType.fromName(models.get(at)));
    }
    List<Mode> modes = new ArrayList<>();
    for (int i = 0; i < modeNames.size(); i++) {
      modes.add(Mode.fromName("modes[" + i + "]", modeNames.get(i)));
    }
    List<RunSpec> runs = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (String model : models) {
      for (int o = 0; o < orders.size(); o++) {
        String order = orders.get(o);
        for (Mode mode : modes) {
          String id = RunSpec.idOf(model, order, mode);
          if (!ids.add(id)) {
            throw ConfigException.at("models/orders/modes", "run " + id + " appears twice");
          }
          List<String> runOverrides = new ArrayList<>(overrides);
          runOverrides.add("name=" + id);
          runOverrides.add("model.model_type=" + model);
          runOverrides.add("training.order=" + order);
          runOverrides.add("reinforce.enabled=" + (mode == Mode.REORDER));
          ExperimentConfig config;
          try {
            config = ExperimentConfig.parse(experimentText, experimentSource, id, runOverrides);
            int side = config.gridSide();
            Orders.resolve(order, side, side, config.training().seed());
          } catch (IllegalArgumentException e) {
            throw new ConfigException("run " + id + " (orders[" + o + "]=" + order + "): "
                + e.getMessage(), e);
          }
          runs.add(new RunSpec(id, model, order, mode, config));
        }
      }
    }
    ObjectNode resolved = n.resolved();
    resolved.set("experiment", mapping(experimentText, experimentSource));
    // Where the sweep runs is not part of it: a run directory that recorded its own path could
    // not be moved (RUN_DIR/sweep.yaml is compared with the sweep on every resume).
    ((ObjectNode) resolved.get("runtime")).remove("run_dir");
    return new SweepConfig(name, runs, runtime, yaml(resolved));
  }

  /**
   * This sweep with every run's experiment replaced by {@code f} of it (ids, axes, runtime and the
   * resolved YAML stay): for choices made from the data, the same on every invocation, such as
   * {@code ValidationSplitChoice}.
   */
  public SweepConfig withRunConfigs(UnaryOperator<ExperimentConfig> f) {
    List<RunSpec> mapped = runs.stream().map(r -> new RunSpec(r.id(), r.model(), r.order(),
        r.mode(), f.apply(r.config()))).toList();
    return new SweepConfig(name, mapped, runtime, resolvedYaml);
  }

  /**
   * A sweep of the one run {@code experiment} (the {@code reorder reorder} command, which enables
   * {@code reinforce}); its mode follows {@code reinforce.enabled}.
   */
  public static SweepConfig single(ExperimentConfig experiment, SweepRuntime runtime) {
    Mode mode = experiment.reinforce().enabled() ? Mode.REORDER : Mode.FIXED;
    String model = experiment.model().type().cliName();
    String order = experiment.training().order();
    RunSpec run = new RunSpec(RunSpec.idOf(model, order, mode), model, order, mode, experiment);
    ObjectNode resolved = mapping(experiment.resolvedYaml(), "experiment");
    ObjectNode root = YAML.createObjectNode();
    root.put("name", experiment.name());
    root.set("experiment", resolved);
    ObjectNode rt = root.putObject("runtime");
    rt.put("steps_per_round", runtime.stepsPerRound());
    rt.put("replicas", runtime.replicas());
    rt.put("keep_checkpoints", runtime.keepCheckpoints());
    rt.put("resident_replicas", runtime.residentReplicas());
    return new SweepConfig(experiment.name(), List.of(run), runtime, yaml(root));
  }

  private static ObjectNode mapping(String text, String source) {
    JsonNode tree;
    try {
      tree = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source + " is not valid YAML: " + e.getOriginalMessage(), e);
    }
    if (tree == null || !tree.isObject()) {
      throw new ConfigException(source + ": the top level must be a mapping");
    }
    return (ObjectNode) tree;
  }

  private static String yaml(JsonNode node) {
    try {
      return YAML.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write YAML", e);
    }
  }

  private static <T> T named(String key, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw ConfigException.at(key, e.getMessage());
    }
  }
}
