package org.reorder.report;

import java.util.List;
import java.util.Map;

/**
 * Everything the report shows, already read from a run directory.
 *
 * @param title heading of the page
 * @param facts key facts shown first (dataset, prior settings, chosen prior, ...)
 * @param compressibility per order and mode; empty when no prior was computed
 * @param accuracy per architecture, order and mode; empty before any run finished
 * @param curves per run id, its metrics over steps
 * @param learnedOrders one per REOrder run
 */
public record ReportData(
    String title,
    Map<String, String> facts,
    List<OrderScore> compressibility,
    List<AccuracyCell> accuracy,
    Map<String, List<Curve>> curves,
    List<LearnedOrder> learnedOrders) {}
