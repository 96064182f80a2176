/**
 * Scan orders: the {@link org.reorder.order.Permutation} type and the ways to lay a H x W patch
 * grid out as a sequence (row, column, Hilbert, spiral, ...). A patch at row r, column c has flat
 * index {@code r * W + c}.
 */
package org.reorder.order;
