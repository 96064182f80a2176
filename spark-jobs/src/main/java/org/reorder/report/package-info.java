/**
 * The run report: a self-contained HTML page and PNG plots of compressibility, accuracy,
 * REOrder training curves and learned orders.
 */
package org.reorder.report;
