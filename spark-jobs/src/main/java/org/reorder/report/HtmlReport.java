package org.reorder.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Renders a {@link ReportData} as one self-contained {@code index.html} (every plot embedded as a
 * base64 PNG, so the file can be mailed or opened from object storage) plus the same plots as
 * separate PNG files. Returns file name to bytes; the caller decides where they go.
 */
public final class HtmlReport {

  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private final StringBuilder html = new StringBuilder();

  private HtmlReport() {}

  /** The report's files: {@code index.html} and one PNG per plot. */
  public static Map<String, byte[]> render(ReportData data) {
    HtmlReport report = new HtmlReport();
    report.write(data);
    return report.files;
  }

  private void write(ReportData data) {
    html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        .append(escape(data.title())).append("</title><style>")
        .append("body{font-family:sans-serif;margin:2em;max-width:1200px}")
        .append("table{border-collapse:collapse;margin:1em 0}")
        .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
        .append("th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}")
        .append("img{max-width:100%}.grid{display:flex;flex-wrap:wrap;gap:8px}")
        .append("</style></head><body>\n<h1>").append(escape(data.title())).append("</h1>\n");
    facts(data.facts());
    compressibility(data.compressibility());
    accuracy(data.accuracy());
    learnedOrders(data.learnedOrders());
    curves(data.curves());
    html.append("</body></html>\n");
    files.put("index.html", html.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void facts(Map<String, String> facts) {
    if (facts.isEmpty()) {
      return;
    }
    html.append("<table>");
    facts.forEach((k, v) -> html.append("<tr><th>").append(escape(k)).append("</th><td>")
        .append(escape(v)).append("</td></tr>"));
    html.append("</table>\n");
  }

  private void compressibility(List<OrderScore> scores) {
    html.append("<h2>Compressibility per scan order</h2>\n");
    if (scores.isEmpty()) {
      html.append("<p>No prior was computed for this run directory.</p>\n");
      return;
    }
    image("compressibility.png", Charts.compressibility(scores));
    html.append("<table><tr><th>order</th><th>mode</th><th>mean reduction %</th>"
        + "<th>95% CI</th></tr>");
    for (OrderScore s : scores) {
      html.append("<tr><td>").append(escape(s.order())).append("</td><td>")
          .append(escape(s.mode())).append("</td><td>").append(fmt(s.meanReduction()))
          .append("</td><td>").append(fmt(s.ciLow())).append(" – ").append(fmt(s.ciHigh()))
          .append("</td></tr>");
    }
    html.append("</table>\n");
  }

  private void accuracy(List<AccuracyCell> cells) {
    html.append("<h2>Accuracy per architecture, order and mode</h2>\n");
    if (cells.isEmpty()) {
      html.append("<p>No finished runs yet.</p>\n");
      return;
    }
    html.append("<p>The plot shows the final epoch's top-1; the table adds the best epoch's, the "
        + "accuracy the reference reports (— where a run did not record it).</p>\n");
    image("accuracy.png", Charts.accuracy(cells));
    html.append("<table><tr><th>architecture</th><th>order</th><th>mode</th>"
        + "<th>final top-1 %</th><th>std error</th><th>best top-1 %</th><th>std error</th>"
        + "<th>best epoch</th></tr>");
    for (AccuracyCell c : cells) {
      html.append("<tr><td>").append(escape(c.architecture())).append("</td><td>")
          .append(escape(c.order())).append("</td><td>").append(escape(c.mode()))
          .append("</td><td>").append(fmt(c.top1())).append("</td><td>")
          .append(fmt(c.stdError())).append("</td><td>").append(orDash(c.bestTop1()))
          .append("</td><td>").append(orDash(c.bestStdError())).append("</td><td>")
          .append(c.bestEpoch() == null ? "—" : c.bestEpoch().toString()).append("</td></tr>");
    }
    html.append("</table>\n");
  }

  private void learnedOrders(List<LearnedOrder> orders) {
    if (orders.isEmpty()) {
      return;
    }
    html.append("<h2>Learned orders</h2>\n<p>Each cell shows the sequence slot its patch is fed "
        + "at: the starting order on the left, the learned one on the right.</p>\n");
    for (LearnedOrder o : orders) {
      String base = "order-" + fileSafe(o.run());
      html.append("<h3>").append(escape(o.run())).append("</h3><div class=\"grid\">");
      image(base + "-start.png", Charts.orderGrid("start", o.rows(), o.cols(), o.start()));
      image(base + "-learned.png", Charts.orderGrid("learned", o.rows(), o.cols(), o.learned()));
      html.append("</div>\n");
    }
  }

  private void curves(Map<String, List<Curve>> curves) {
    if (curves.isEmpty()) {
      return;
    }
    html.append("<h2>Training curves</h2>\n");
    curves.forEach((run, list) -> {
      html.append("<h3>").append(escape(run)).append("</h3><div class=\"grid\">");
      for (Curve c : list) {
        image("curve-" + fileSafe(run) + "-" + fileSafe(c.metric()) + ".png", Charts.curve(run, c));
      }
      html.append("</div>\n");
    });
  }

  private void image(String name, Chart<?, ?> chart) {
    byte[] png;
    try {
      png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render " + name, e);
    }
    files.put(name, png);
    html.append("<img alt=\"").append(escape(name)).append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String orDash(Double v) {
    return v == null ? "—" : fmt(v);
  }

  private static String fileSafe(String s) {
    return s.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
