package org.reorder.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.reorder.order.Permutation;

/** The report's plots, one factory method per figure (XChart). */
final class Charts {
  static final int WIDTH = 900;
  static final int HEIGHT = 420;

  private Charts() {}

  /** Mean LZMA reduction per order, one bar series per mode, with 95% CI error bars. */
  static CategoryChart compressibility(List<OrderScore> scores) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Compressibility per scan order (higher = more compressible)")
        .xAxisTitle("order").yAxisTitle("LZMA reduction %").build();
    style(chart);
    Map<String, List<OrderScore>> byMode = group(scores, OrderScore::mode);
    byMode.forEach((mode, rows) -> chart.addSeries(mode,
        rows.stream().map(OrderScore::order).toList(),
        rows.stream().map(OrderScore::meanReduction).toList(),
        rows.stream().map(r -> (r.ciHigh() - r.ciLow()) / 2).toList()));
    return chart;
  }

  /** Top-1 accuracy per (architecture, order), one bar series per mode, with std-error bars. */
  static CategoryChart accuracy(List<AccuracyCell> cells) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Validation top-1 per architecture x order x mode")
        .xAxisTitle("architecture / order").yAxisTitle("top-1 %").build();
    style(chart);
    chart.getStyler().setXAxisLabelRotation(45);
    List<String> categories = cells.stream()
        .map(c -> c.architecture() + "/" + c.order()).distinct().toList();
    group(cells, AccuracyCell::mode).forEach((mode, rows) -> {
      List<Double> values = new ArrayList<>();
      List<Double> errors = new ArrayList<>();
      for (String category : categories) {
        AccuracyCell cell = rows.stream()
            .filter(c -> (c.architecture() + "/" + c.order()).equals(category))
            .findFirst().orElse(null);
        values.add(cell == null ? 0.0 : cell.top1());
        errors.add(cell == null ? 0.0 : cell.stdError());
      }
      chart.addSeries(mode, categories, values, errors);
    });
    return chart;
  }

  /** One metric of one run over steps. */
  static XYChart curve(String run, Curve curve) {
    XYChart chart = new XYChartBuilder().width(WIDTH / 2).height(HEIGHT * 2 / 3)
        .title(run + ": " + curve.metric()).xAxisTitle("step").yAxisTitle(curve.metric()).build();
    style(chart);
    chart.getStyler().setLegendVisible(false);
    chart.addSeries(curve.metric(), curve.steps(), curve.values()).setMarker(SeriesMarkers.NONE);
    return chart;
  }

  /** The slot number of every patch laid out on the grid, as a heatmap. */
  static HeatMapChart orderGrid(String title, int rows, int cols, Permutation order) {
    HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH / 2).height(WIDTH / 2)
        .title(title).build();
    chart.getStyler().setShowValue(rows * cols <= 256);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    List<Integer> xs = new ArrayList<>();
    for (int c = 0; c < cols; c++) {
      xs.add(c);
    }
    // y runs upwards in a chart; row 0 goes at the top, as the image is seen.
    List<Integer> ys = new ArrayList<>();
    for (int r = rows - 1; r >= 0; r--) {
      ys.add(r);
    }
    Permutation slotOfPatch = order.inverse();
    List<Number[]> cells = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        cells.add(new Number[] {c, rows - 1 - r, slotOfPatch.patchAt(r * cols + c)});
      }
    }
    chart.addSeries("slot", xs, ys, cells);
    return chart;
  }

  private static void style(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
    Styler s = chart.getStyler();
    s.setChartBackgroundColor(java.awt.Color.WHITE);
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
  }

  private static <T> Map<String, List<T>> group(List<T> rows, java.util.function.Function<T, String> key) {
    Map<String, List<T>> groups = new LinkedHashMap<>();
    for (T row : rows) {
      groups.computeIfAbsent(key.apply(row), k -> new ArrayList<>()).add(row);
    }
    return groups;
  }
}
