#!/usr/bin/env bash
# Submits a reorder job to a Spark standalone cluster.
#   SPARK_MASTER=spark://host:7077 deploy/submit/standalone.sh sweep --config configs/sweep.yaml
# Workers need deploy/gpu/discover-gpus.sh as spark.worker.resource.gpu.discoveryScript and
# spark.worker.resource.gpu.amount in their spark-defaults.conf. See deploy/submit/common.sh for settings.
source "$(dirname "$0")/common.sh"
: "${SPARK_MASTER:?set SPARK_MASTER, e.g. spark://host:7077}"
CLUSTER_ARGS=(--master "$SPARK_MASTER" --deploy-mode "${DEPLOY_MODE:-client}"
  --total-executor-cores "$((EXECUTORS * EXECUTOR_CORES))")
submit "$@"
