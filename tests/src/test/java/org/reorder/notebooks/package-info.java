/**
 * Runs the Zeppelin notes of {@code notebooks/} outside Zeppelin, the way its Spark interpreter
 * does (Scala 2.12 REPL, {@code spark}, {@code sc} and a stub {@code z}), against a run directory
 * made by the project's code, and fails on any paragraph that does not compile or throws.
 */
package org.reorder.notebooks;
