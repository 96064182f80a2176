"""Airflow DAG: prepare a dataset, score scan orders, run a REOrder sweep, write the report.

Each task is one `reorder` subcommand submitted with SparkSubmitOperator; the arguments are the
CLI's own (`reorder <command> --help`), and tests/ checks them against it on every build.

Airflow Variables (Admin -> Variables):
  reorder_jar       the shaded application jar (mvn -Pcluster package), e.g. s3a://bucket/jars/reorder-cluster.jar
  reorder_data      the raw dataset root, e.g. s3a://bucket/imagenet
  reorder_work      where patch Parquet, priors and runs go, e.g. s3a://bucket/reorder
  reorder_sweep     the sweep configuration file, e.g. s3a://bucket/configs/sweep.yaml
  reorder_discovery_script  deploy/gpu/discover-gpus.sh where the cluster can fetch it
  reorder_cuda_native_jar   optional: the CUDA build's native library jar (mvn -Pcluster,cuda package
                            writes spark-jobs/target/cuda/pytorch-native-cu124-*.jar) where the cluster
                            can fetch it, e.g. s3a://bucket/jars/...; the sweep ships it with --jars.
                            Unset with the executor image of deploy/k8s/Dockerfile, which has it.
Connection: spark_default points at the cluster manager (yarn, k8s://..., spark://...).
S3A credentials come from the cluster's environment or credential provider, never from here.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

APP_JAR = "{{ var.value.reorder_jar }}"
MAIN_CLASS = "org.reorder.cli.ReorderCli"
DATA = "{{ var.value.reorder_data }}"
WORK = "{{ var.value.reorder_work }}/{{ ds_nodash }}"

# Spark 3.5 on Java 17 needs these module opens in every JVM (Spark's JavaModuleOptions list).
JAVA17_OPTS = " ".join([
    "-XX:+IgnoreUnrecognizedVMOptions",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.net=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
    "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
    "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
    "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
    "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
    "-Djdk.reflect.useDirectMethodHandle=false",
    "-Dai.djl.offline=true",
])

SPARK_CONF = {
    "spark.driver.extraJavaOptions": JAVA17_OPTS,
    "spark.executor.extraJavaOptions": JAVA17_OPTS,
}

# Training tasks get one GPU each; the discovery script ships with the job.
GPU_CONF = {
    **SPARK_CONF,
    "spark.executor.resource.gpu.amount": "1",
    "spark.task.resource.gpu.amount": "1",
    "spark.executor.resource.gpu.discoveryScript": "./discover-gpus.sh",
}

default_args = {
    "owner": "ml-platform",
    "retries": 1,
    "retry_delay": timedelta(minutes=10),
}

with DAG(
    dag_id="reorder_sweep",
    description="REOrder: prep -> prior -> sweep -> report",
    start_date=datetime(2026, 1, 1),
    schedule=None,
    catchup=False,
    default_args=default_args,
    tags=["reorder", "spark"],
) as dag:
    prep = SparkSubmitOperator(
        task_id="prep",
        conn_id="spark_default",
        application=APP_JAR,
        java_class=MAIN_CLASS,
        conf=SPARK_CONF,
        application_args=[
            "prep",
            "--dataset", "imagenet",
            "--input", DATA,
            "--output", WORK + "/patches",
            "--image-size", "224",
            "--patch-size", "16",
        ],
    )

    prior = SparkSubmitOperator(
        task_id="prior",
        conn_id="spark_default",
        application=APP_JAR,
        java_class=MAIN_CLASS,
        conf=SPARK_CONF,
        application_args=[
            "prior",
            "--input", WORK + "/patches",
            "--output", WORK + "/prior",
        ],
    )

    sweep = SparkSubmitOperator(
        task_id="sweep",
        conn_id="spark_default",
        application=APP_JAR,
        java_class=MAIN_CLASS,
        conf=GPU_CONF,
        files="{{ var.value.reorder_discovery_script }}",
        # An empty value adds no --jars (SparkSubmitHook skips empty jars).
        jars="{{ var.value.get('reorder_cuda_native_jar', '') }}",
        application_args=[
            "sweep",
            "--config", "{{ var.value.reorder_sweep }}",
            "--run-dir", WORK + "/runs",
        ],
    )

    report = SparkSubmitOperator(
        task_id="report",
        conn_id="spark_default",
        application=APP_JAR,
        java_class=MAIN_CLASS,
        conf=SPARK_CONF,
        application_args=["report", WORK + "/runs"],
    )

    prep >> prior >> sweep >> report
