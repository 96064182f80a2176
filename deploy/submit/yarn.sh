#!/usr/bin/env bash
# Submits a reorder job to YARN (Hadoop 3.1+ with GPU scheduling enabled: yarn.io/gpu).
#   QUEUE=ml deploy/submit/yarn.sh sweep --config configs/sweep.yaml
# YARN isolates GPUs through cgroups and sets CUDA_VISIBLE_DEVICES; the task maps Spark's
# address through it (org.reorder.device.TaskDevice).
# In cluster mode the script is shipped with --files and found in the container's work dir.
DISCOVERY_SCRIPT=${DISCOVERY_SCRIPT:-./discover-gpus.sh}
source "$(dirname "$0")/common.sh"
CLUSTER_ARGS=(--master yarn --deploy-mode "${DEPLOY_MODE:-cluster}" --queue "${QUEUE:-default}"
  --num-executors "$EXECUTORS"
  --files "$ROOT/deploy/gpu/discover-gpus.sh"
  --conf spark.yarn.maxAppAttempts=2)
submit "$@"
