#!/usr/bin/env bash
# Submits a reorder job to Kubernetes with NVIDIA GPUs (nvidia.com/gpu device plugin).
#   K8S_MASTER=k8s://https://api.cluster:6443 IMAGE=registry/reorder:0.1.0 \
#     deploy/submit/k8s.sh sweep --config s3a://bucket/configs/sweep.yaml --run-dir s3a://bucket/runs/x
# The image (deploy/k8s/Dockerfile builds it) holds Java 17 and Spark 3.5.7 under /opt/spark, the
# application jar at /opt/reorder/reorder-cluster.jar, deploy/gpu/discover-gpus.sh at
# /opt/reorder/discover-gpus.sh and the CUDA native library on every pod's classpath, so
# CUDA_NATIVE_JAR stays unset. Run directories and data must be on s3a:// or a shared volume.
DISCOVERY_SCRIPT=${DISCOVERY_SCRIPT:-/opt/reorder/discover-gpus.sh}
source "$(dirname "$0")/common.sh"
: "${K8S_MASTER:?set K8S_MASTER, e.g. k8s://https://api.cluster:6443}"
: "${IMAGE:?set IMAGE, the container image with Spark and the reorder jar}"
APP_JAR=${IN_IMAGE_JAR:-local:///opt/reorder/reorder-cluster.jar}
CLUSTER_ARGS=(--master "$K8S_MASTER" --deploy-mode cluster
  --conf "spark.kubernetes.container.image=$IMAGE"
  --conf "spark.kubernetes.namespace=${NAMESPACE:-default}"
  --conf "spark.kubernetes.authenticate.driver.serviceAccountName=${SERVICE_ACCOUNT:-spark}"
  --conf "spark.kubernetes.executor.podTemplateFile=$ROOT/deploy/k8s/executor-pod-template.yaml"
  --conf "spark.executor.instances=$EXECUTORS")
if (( GPUS_PER_EXECUTOR > 0 )); then
  SUBMIT_ARGS+=(
    --conf spark.executor.resource.gpu.vendor=nvidia.com)
fi
submit "$@"
