package org.reorder.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.reorder.report.HtmlReport;
import org.reorder.report.ReportData;
import org.reorder.report.RunDirectoryReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reorder report RUN_DIR}: (re)generates the HTML report and PNG plots of a run directory. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Writes RUN_DIR/report/index.html (self-contained) and PNG plots: "
        + "compressibility per order, accuracy per architecture x order x mode, REOrder curves "
        + "and learned orders. Local paths and s3a:// alike.")
public final class ReportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "RUN_DIR",
      description = "A run directory (reorder train) or a sweep's (runs one or two levels down).")
  String runDir;

  @Option(names = "--prior", paramLabel = "PRIOR_JSON",
      description = "The prior.json of `reorder prior`, for the compressibility section.")
  String priorJson;

  @Option(names = "--output", paramLabel = "DIR",
      description = "Where the report goes (default: RUN_DIR/report).")
  String output;

  @Option(names = "--conf", paramLabel = "KEY=VALUE",
      description = "A Hadoop setting for s3a:// and the like, repeatable (e.g. fs.s3a.endpoint=...).")
  Map<String, String> conf = Map.of();

  @Override
  public Integer call() throws IOException {
    return report(runDir, priorJson, output != null ? output : runDir + "/report");
  }

  /** Writes the report of {@code runDir} (and {@code priorJson}, may be null) into {@code outDir}. */
  int report(String runDir, String priorJson, String outDir) throws IOException {
    Configuration hadoop = new Configuration();
    conf.forEach(hadoop::set);
    ReportData data = new RunDirectoryReader(hadoop).read(runDir, priorJson);
    Path out = new Path(outDir);
    FileSystem fs = out.getFileSystem(hadoop);
    for (Map.Entry<String, byte[]> file : HtmlReport.render(data).entrySet()) {
      try (OutputStream o = fs.create(new Path(out, file.getKey()), true)) {
        o.write(file.getValue());
      }
    }
    System.out.println("report: " + new Path(out, "index.html"));
    return 0;
  }
}
