#!/usr/bin/env bash
# Spark GPU discovery script (spark.{driver,executor,worker}.resource.gpu.discoveryScript).
# Prints the GPUs of this host as Spark's ResourceInformation JSON, e.g.
#   {"name": "gpu", "addresses": ["0","1"]}
# The addresses are nvidia-smi indices; the executor maps them to DJL devices, honouring
# CUDA_VISIBLE_DEVICES (see org.reorder.device.TaskDevice). No GPU or no nvidia-smi: an empty list.
set -euo pipefail
addresses=""
if command -v nvidia-smi >/dev/null 2>&1; then
  addresses=$(nvidia-smi --query-gpu=index --format=csv,noheader 2>/dev/null \
    | tr -d ' ' | sed -e 's/^/"/' -e 's/$/"/' | paste -sd, -) || addresses=""
fi
echo "{\"name\": \"gpu\", \"addresses\": [${addresses}]}"
