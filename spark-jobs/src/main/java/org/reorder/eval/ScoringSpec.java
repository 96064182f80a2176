package org.reorder.eval;

import java.io.Serializable;
import org.reorder.round.HadoopConf;

/**
 * Everything a task needs to score its partition, prepared and validated on the driver.
 *
 * @param params the checkpoint's parameter file (any Hadoop FileSystem URI)
 * @param paramsModified its modification time (a rewritten file is a different model)
 * @param configYaml the run's resolved config (backbone and normalisation)
 * @param order slot k is fed patch {@code order[k]}
 * @param batchSize rows per forward pass
 * @param patchesIndex position of the patches column in the input rows
 * @param patchesColumn its name, for errors
 * @param labelIndex position of the label column, or -1 without labels
 * @param idIndex position of the image id column (names rows in errors), or -1
 * @param hadoop the driver's Hadoop configuration
 */
record ScoringSpec(
    String params,
    long paramsModified,
    String configYaml,
    int[] order,
    int batchSize,
    int patchesIndex,
    String patchesColumn,
    int labelIndex,
    int idIndex,
    HadoopConf hadoop) implements Serializable {}
