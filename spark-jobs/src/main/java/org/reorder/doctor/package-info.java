/**
 * {@code reorder doctor}: what a node offers the training code (engine, native library, CUDA
 * runtime, GPUs) and whether one training step runs on each of its devices. The checklist for a
 * new GPU node in docs/cluster.md runs it.
 */
package org.reorder.doctor;
