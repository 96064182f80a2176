package org.reorder.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * A real S3 server for tests: S3Proxy (copied to target/s3proxy/s3proxy.jar by the build) run as a
 * separate {@code java -jar} process on 127.0.0.1 with its filesystem backend. Buckets are
 * directories of the backend, created before use (S3A cannot create buckets).
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String ACCESS_KEY = "local-identity";
  public static final String SECRET_KEY = "local-credential";

  private final Process process;
  private final Path baseDir;
  private final int port;

  private S3ProxyServer(Process process, Path baseDir, int port) {
    this.process = process;
    this.baseDir = baseDir;
    this.port = port;
  }

  /** Starts S3Proxy with its data under {@code workDir} and waits until it accepts connections. */
  public static S3ProxyServer start(Path workDir) throws IOException, InterruptedException {
    Path jar = Path.of("target/s3proxy/s3proxy.jar").toAbsolutePath();
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " missing: run the build's process-test-resources");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path base = Files.createDirectories(workDir.resolve("s3-data"));
    Path props = workDir.resolve("s3proxy.properties");
    Files.writeString(
        props,
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + ACCESS_KEY,
            "s3proxy.credential=" + SECRET_KEY,
            "jclouds.provider=filesystem",
            "jclouds.filesystem.basedir=" + base,
            ""));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(java, "-Xmx256m", "-jar", jar.toString(), "--properties", props.toString()))
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("s3proxy.log").toFile())
            .start();
    S3ProxyServer server = new S3ProxyServer(p, base, port);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("S3Proxy exited, see " + workDir.resolve("s3proxy.log"));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return server;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    server.close();
    throw new IllegalStateException("S3Proxy did not start within 60 s");
  }

  /** Creates a bucket (a directory of the filesystem backend). */
  public void createBucket(String name) throws IOException {
    Files.createDirectories(baseDir.resolve(name));
  }

  /** Sets the S3A keys that point at this server on {@code conf}. */
  public void configure(Configuration conf) {
    conf.set("fs.s3a.endpoint", "http://127.0.0.1:" + port);
    conf.set("fs.s3a.endpoint.region", "us-east-1");
    conf.set("fs.s3a.path.style.access", "true");
    conf.set("fs.s3a.connection.ssl.enabled", "false");
    conf.set("fs.s3a.access.key", ACCESS_KEY);
    conf.set("fs.s3a.secret.key", SECRET_KEY);
    conf.set(
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    conf.set("fs.s3a.change.detection.mode", "none");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
