package org.reorder.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.reorder.order.Permutation;

class HtmlReportTest {

  static ReportData sample() {
    return new ReportData(
        "REOrder report <demo>",
        Map.of("dataset", "synthetic"),
        List.of(new OrderScore("row", "pixels", 18.7, 18.1, 19.3),
            new OrderScore("column", "pixels", 17.3, 16.9, 17.7)),
        List.of(new AccuracyCell("mamba", "row", "fixed", 61.0, 1.2),
            new AccuracyCell("mamba", "row", "reorder", 63.5, 1.1, 64.25, 1.0, 88)),
        Map.of("mamba-row-reorder", List.of(
            new Curve("reward", List.of(0.0, 1.0, 2.0), List.of(-2.3, -2.0, -1.7)))),
        List.of(new LearnedOrder("mamba-row-reorder", 2, 3,
            Permutation.identity(6), Permutation.of(5, 4, 3, 2, 1, 0))));
  }

  @Test
  void writesOneSelfContainedPageAndEveryPlotAsPng() throws Exception {
    Map<String, byte[]> files = HtmlReport.render(sample());
    String html = new String(files.get("index.html"), StandardCharsets.UTF_8);
    assertTrue(html.contains("REOrder report &lt;demo&gt;"));
    assertFalse(html.contains("<demo>"));
    assertTrue(html.contains("18.70"));
    assertTrue(html.contains("<td>64.25</td><td>1.00</td><td>88</td>"), "best epoch's top-1");
    assertTrue(html.contains("<td>61.00</td><td>1.20</td><td>—</td>"), "final only");
    long embedded = html.split("data:image/png;base64,", -1).length - 1;
    long pngs = files.keySet().stream().filter(n -> n.endsWith(".png")).count();
    assertEquals(5, pngs);
    assertEquals(pngs, embedded);
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      if (f.getKey().endsWith(".png")) {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(f.getValue()));
        assertTrue(img.getWidth() > 100, f.getKey());
      }
    }
    Path out = Path.of("target", "report-sample");
    Files.createDirectories(out);
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Files.write(out.resolve(f.getKey()), f.getValue());
    }
  }

  @Test
  void saysWhatIsMissingInsteadOfDrawingEmptyPlots() {
    ReportData empty = new ReportData("r", Map.of(), List.of(), List.of(), Map.of(), List.of());
    String html = new String(HtmlReport.render(empty).get("index.html"), StandardCharsets.UTF_8);
    assertTrue(html.contains("No prior was computed"));
    assertTrue(html.contains("No finished runs yet"));
  }
}
