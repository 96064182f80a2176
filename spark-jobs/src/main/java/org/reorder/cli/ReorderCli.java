package org.reorder.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.ScopeType;

/**
 * The {@code reorder} command line. Each feature contributes one subcommand class; this class only
 * lists them. {@code deploy/reorder} starts it with the JVM flags Spark needs.
 */
@Command(
    name = "reorder",
    mixinStandardHelpOptions = true,
    version = "reorder 0.1.0",
    description = "Learns the patch order of vision sequence models (REOrder) on Apache Spark.",
    subcommands = {CommandLine.HelpCommand.class, OrdersCommand.class, TrainCommand.class,
        DemoCommand.class, ReportCommand.class, EvalCommand.class, GenerateCommand.class,
        PrepCommand.class, PriorCommand.class, SweepCommand.class, ReorderRunCommand.class,
        DoctorCommand.class})
public final class ReorderCli {
  static final String VERBOSE = "--verbose";

  @Option(
      names = VERBOSE,
      scope = ScopeType.INHERIT,
      description = "On failure, print the stack trace before the one-line summary.")
  boolean verbose;

  /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
  public static int run(String... args) {
    return new CommandLine(new ReorderCli())
        .setExecutionExceptionHandler(new FailureLine())
        .setExecutionStrategy(ReorderCli::execute)
        .execute(args);
  }

  /** Runs the command picocli parsed; Spark's task-failure traces only with --verbose. */
  private static int execute(ParseResult parsed) {
    if (FailureLine.verbose(parsed)) {
      return new RunLast().execute(parsed);
    }
    try (TaskFailureLogs quiet = TaskFailureLogs.quiet()) {
      return new RunLast().execute(parsed);
    }
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }
}
