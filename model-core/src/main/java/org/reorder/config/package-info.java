/**
 * Experiment configuration: one YAML file per experiment, parsed once into immutable, validated
 * records ({@link org.reorder.config.ExperimentConfig} and its sections). Every error names the
 * key path it is about, e.g. {@code training.lr: must be > 0, got -1}.
 */
package org.reorder.config;
