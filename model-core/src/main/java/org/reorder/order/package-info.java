/**
 * Scan orders: the {@link org.reorder.order.Permutation} type and the ways to lay a H x W patch
 * grid out as a sequence. {@link org.reorder.order.ScanOrder} names the built-in orders (row,
 * column, Hilbert, spiral, ...), {@link org.reorder.order.CustomOrder} reads user-supplied ones,
 * and {@link org.reorder.order.Orders#resolve} accepts either by name. A patch at row r, column c
 * has flat index {@code r * W + c}.
 */
package org.reorder.order;
