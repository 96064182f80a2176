package org.reorder.report;

/** Compressibility of one scan order: mean LZMA reduction % with its 95% confidence interval. */
public record OrderScore(String order, String mode, double meanReduction, double ciLow, double ciHigh) {}
