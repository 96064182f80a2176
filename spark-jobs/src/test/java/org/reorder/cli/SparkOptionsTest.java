package org.reorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class SparkOptionsTest {

  @Command(name = "probe")
  static final class Probe {
    @Mixin SparkOptions spark;
  }

  private static SparkOptions parse(String... args) {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs(args);
    return probe.spark;
  }

  @Test
  void explicitMasterWins() {
    assertEquals("local[2]", parse("--master", "local[2]").resolvedMaster());
  }

  @Test
  void defaultsToSparkSubmitsMasterThenLocal() {
    assertEquals("local[*]", parse().resolvedMaster());
    System.setProperty("spark.master", "yarn");
    try {
      assertEquals("yarn", parse().resolvedMaster());
    } finally {
      System.clearProperty("spark.master");
    }
  }

  @Test
  void collectsRepeatedConf() {
    SparkOptions o = parse("--conf", "a=1", "--conf", "b=x=y");
    assertEquals("1", o.conf.get("a"));
    assertEquals("x=y", o.conf.get("b"));
  }
}
