package org.reorder.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * A real S3 server for tests: S3Proxy (filesystem backend) started as a separate {@code java -jar}
 * process on 127.0.0.1 and a free port, shared by the data-prep tests and tests/ (through
 * data-prep's test jar). The jar comes from the system property {@code s3proxy.jar}, else
 * {@code target/s3proxy/s3proxy.jar} (both poms copy it there). A bucket is a directory under the
 * backend's base directory, since S3A cannot create buckets. {@link #hadoopConf()} gives the S3A
 * settings to reach it.
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String ACCESS_KEY = "reorder-access";
  public static final String SECRET_KEY = "reorder-secret";

  private final Process process;
  private final Path baseDir;
  private final int port;

  private S3ProxyServer(Process process, Path baseDir, int port) {
    this.process = process;
    this.baseDir = baseDir;
    this.port = port;
  }

  /** Starts S3Proxy storing its objects under {@code baseDir}; waits until it accepts connections. */
  public static S3ProxyServer start(Path baseDir) throws IOException, InterruptedException {
    String jar = System.getProperty("s3proxy.jar",
        Path.of("target/s3proxy/s3proxy.jar").toAbsolutePath().toString());
    if (!Files.exists(Path.of(jar))) {
      throw new IllegalStateException("no S3Proxy jar-with-dependencies at " + jar + " (the "
          + "build copies it at process-test-resources; or set the system property s3proxy.jar)");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path store = Files.createDirectories(baseDir.resolve("store"));
    Path props = baseDir.resolve("s3proxy.properties");
    Files.writeString(props, String.join("\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + SECRET_KEY,
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + store.toAbsolutePath(), ""));
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-jar", jar, "--properties", props.toString())
        .redirectErrorStream(true).redirectOutput(baseDir.resolve("s3proxy.log").toFile())
        .start();
    S3ProxyServer server = new S3ProxyServer(p, store, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return server;
      } catch (IOException notYet) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          server.close();
          throw new IllegalStateException("S3Proxy did not start; see "
              + baseDir.resolve("s3proxy.log") + ":\n"
              + Files.readString(baseDir.resolve("s3proxy.log")));
        }
        Thread.sleep(100);
      }
    }
  }

  /** Creates bucket {@code name} (a directory of the filesystem backend). */
  public void createBucket(String name) throws IOException {
    Files.createDirectories(baseDir.resolve(name));
  }

  /** The S3A settings for this server (prefix each key with {@code spark.hadoop.} for Spark). */
  public Map<String, String> hadoopConf() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("fs.s3a.endpoint", "http://127.0.0.1:" + port);
    c.put("fs.s3a.endpoint.region", "us-east-1");
    c.put("fs.s3a.path.style.access", "true");
    c.put("fs.s3a.connection.ssl.enabled", "false");
    c.put("fs.s3a.access.key", ACCESS_KEY);
    c.put("fs.s3a.secret.key", SECRET_KEY);
    c.put("fs.s3a.aws.credentials.provider",
        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    // S3Proxy's filesystem backend does not keep S3's ETag/version semantics for reads.
    c.put("fs.s3a.change.detection.mode", "none");
    c.put("fs.s3a.attempts.maximum", "2");
    c.put("fs.s3a.retry.limit", "2");
    return c;
  }

  /** Sets the S3A settings of {@link #hadoopConf()} on {@code conf}. */
  public void configure(Configuration conf) {
    hadoopConf().forEach(conf::set);
  }

  /** A Spark session on {@code master} (e.g. local[2]) whose s3a:// paths reach this server. */
  public SparkSession sparkSession(String master, String appName) {
    SparkSession.Builder b = SparkSession.builder().master(master).appName(appName)
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1");
    hadoopConf().forEach((k, v) -> b.config("spark.hadoop." + k, v));
    SparkSession spark = b.getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    return spark;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
