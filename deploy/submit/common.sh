# Shared by the spark-submit scripts in this folder; not run on its own.
# Builds the argument list every cluster manager needs: the application jar, Java 17 opens, GPU
# resources and the S3A configuration. Secrets are never echoed: S3A credentials come from the
# environment or a Hadoop credential provider (deploy/conf/s3a.conf.template).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Every setting below can be overridden from the environment.
SPARK_SUBMIT=${SPARK_SUBMIT:-${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit}
APP_JAR=${APP_JAR:-$(ls "$ROOT"/spark-jobs/target/spark-jobs-*-cluster.jar 2>/dev/null | head -n 1)}
EXECUTORS=${EXECUTORS:-2}
EXECUTOR_CORES=${EXECUTOR_CORES:-8}
EXECUTOR_MEMORY=${EXECUTOR_MEMORY:-32g}
DRIVER_MEMORY=${DRIVER_MEMORY:-8g}
GPUS_PER_EXECUTOR=${GPUS_PER_EXECUTOR:-1}   # 0 trains on CPU
GPUS_PER_TASK=${GPUS_PER_TASK:-1}
S3A_CONF=${S3A_CONF:-}                      # a filled-in copy of deploy/conf/s3a.conf.template
DRY_RUN=${DRY_RUN:-0}                       # 1 prints the command instead of running it
# Where executors find the GPU discovery script (a path on the executor host or container).
DISCOVERY_SCRIPT=${DISCOVERY_SCRIPT:-$ROOT/deploy/gpu/discover-gpus.sh}
# The CUDA build's native library (mvn -B -Pcluster,cuda -DskipTests package writes it to
# spark-jobs/target/cuda/), never inside the application jar. A path or URI (hdfs://, s3a://):
# Spark copies it to the executors (--jars). local:/path: it is already at /path on every node
# (installed there, or in the executor image) and joins the executors' classpath where it is.
# Unset: executors have the application jar's CPU library only. Ignored when GPUS_PER_EXECUTOR=0.
CUDA_NATIVE_JAR=${CUDA_NATIVE_JAR:-}
# PyTorch's CUDA caching allocator settings (e.g. expandable_segments:True), passed to executors.
PYTORCH_CUDA_ALLOC_CONF=${PYTORCH_CUDA_ALLOC_CONF:-}

if [[ -z "$APP_JAR" || ! -f "$APP_JAR" ]]; then
  echo "submit: no application jar; build it with: mvn -B -Pcluster -DskipTests package" \
       "(or set APP_JAR)" >&2
  exit 2
fi

# The PyTorch version of a jar's native library (native/lib/pytorch.properties), e.g. 2.5.1.
pytorch_version_of() {
  unzip -p "$1" native/lib/pytorch.properties 2>/dev/null | sed -n 's/^version=\([^-]*\).*/\1/p'
}

# glibc malloc settings for the training JVMs (deploy/conf/malloc.sh explains them).
source "$ROOT/deploy/conf/malloc.sh"

# Spark's own Java 17 module opens (org.apache.spark.launcher.JavaModuleOptions).
JAVA17_OPTS="-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false -Dai.djl.offline=true"

SUBMIT_ARGS=(
  --class org.reorder.cli.ReorderCli
  --name "reorder-${1:-job}"
  --driver-memory "$DRIVER_MEMORY"
  --executor-memory "$EXECUTOR_MEMORY"
  --executor-cores "$EXECUTOR_CORES"
  --conf "spark.driver.extraJavaOptions=$JAVA17_OPTS"
  --conf "spark.executor.extraJavaOptions=$JAVA17_OPTS"
  # One training task per GPU; PyTorch's intra-op threads share the executor's cores.
  --conf "spark.executorEnv.OMP_NUM_THREADS=$EXECUTOR_CORES"
  --conf "spark.executorEnv.GLIBC_TUNABLES=$GLIBC_TUNABLES"
)
if (( GPUS_PER_EXECUTOR > 0 )); then
  SUBMIT_ARGS+=(
    --conf "spark.executor.resource.gpu.amount=$GPUS_PER_EXECUTOR"
    --conf "spark.task.resource.gpu.amount=$GPUS_PER_TASK"
    --conf "spark.executor.resource.gpu.discoveryScript=$DISCOVERY_SCRIPT"
  )
fi
if (( GPUS_PER_EXECUTOR > 0 )) && [[ -n "$CUDA_NATIVE_JAR" ]]; then
  if [[ "$CUDA_NATIVE_JAR" == local:* ]]; then
    SUBMIT_ARGS+=(--conf "spark.executor.extraClassPath=$(sed 's|^local:/*|/|' <<<"$CUDA_NATIVE_JAR")")
  else
    if [[ "$CUDA_NATIVE_JAR" != *://* ]]; then
      if [[ ! -f "$CUDA_NATIVE_JAR" ]]; then
        echo "submit: CUDA_NATIVE_JAR=$CUDA_NATIVE_JAR is not a file; build it with:" \
             "mvn -B -Pcluster,cuda -DskipTests package" >&2
        exit 2
      fi
      # DJL needs the JNI layer of the same PyTorch version: the application jar must be the
      # CUDA build's too (checked when both are local files and unzip is there).
      if command -v unzip >/dev/null; then
        app_version=$(pytorch_version_of "$APP_JAR")
        cuda_version=$(pytorch_version_of "$CUDA_NATIVE_JAR")
        if [[ "$app_version" != "$cuda_version" ]]; then
          echo "submit: CUDA_NATIVE_JAR holds PyTorch ${cuda_version:-?} but $APP_JAR was built" \
               "for ${app_version:-?}; build both with: mvn -B -Pcluster,cuda -DskipTests package" >&2
          exit 2
        fi
      fi
    fi
    SUBMIT_ARGS+=(--jars "$CUDA_NATIVE_JAR")
  fi
fi
if [[ -n "$PYTORCH_CUDA_ALLOC_CONF" ]]; then
  SUBMIT_ARGS+=(--conf "spark.executorEnv.PYTORCH_CUDA_ALLOC_CONF=$PYTORCH_CUDA_ALLOC_CONF")
fi
if [[ -n "$S3A_CONF" ]]; then
  SUBMIT_ARGS+=(--properties-file "$S3A_CONF")
fi

# Runs spark-submit with the cluster manager's arguments ($CLUSTER_ARGS), then the jar and the
# reorder subcommand with its options.
submit() {
  local cmd=("$SPARK_SUBMIT" "${CLUSTER_ARGS[@]}" "${SUBMIT_ARGS[@]}" "$APP_JAR" "$@")
  if [[ "$DRY_RUN" == 1 ]]; then
    printf '%q ' "${cmd[@]}"; echo
  else
    exec "${cmd[@]}"
  fi
}
