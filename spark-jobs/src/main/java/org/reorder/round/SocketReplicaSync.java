package org.reorder.round;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.util.TaskCompletionListener;
import org.reorder.checkpoint.CheckpointStore;

/**
 * The replicas of a barrier stage exchanging messages over direct TCP connections: replica 0
 * listens, the others connect to it once per round, and every {@link #allGather} is one message
 * up to replica 0 and the gathered list back down (a star; the messages are small: REINFORCE
 * statistics of a policy step, the digests of the parameter average).
 *
 * <p>How the others learn where replica 0 listens: replica 0 writes its host, port and a random
 * token (connections must present it; anyone else on the network is refused) into a file of the
 * round's checkpoint directory, named by the Spark application, stage and stage attempt, so that
 * no earlier attempt's file is ever read; the others poll for it (5 ms, doubling up to 200 ms),
 * and replica 0 deletes it once they are connected.
 *
 * <p>Why not Spark's {@code BarrierTaskContext.allGather}: it waits for its answer in {@code
 * Thread.sleep(1000)} steps (Spark 3.5, {@code runBarrier}), so every call costs about a second.
 * After every policy step that would quadruple the policy phase at a 0.25 s GPU step; even once a
 * round, to exchange replica 0's address, it was most of a round's fixed work for small models
 * (BENCHMARKS.md, Distributed rounds).
 *
 * <p>Failures: a replica whose peer dies reads end-of-stream or its socket closes and throws,
 * naming the replica, so the barrier stage fails and the driver submits the round again. Waits
 * wake at least every second to check whether Spark killed the task (as Spark's own barrier does).
 */
final class SocketReplicaSync implements ReplicaSync, AutoCloseable {
  private static final int POLL_MS = 1000;
  /** How long a replica waits for the others at one exchange (steps and saves included). */
  private static final long PEER_TIMEOUT_MS = 30 * 60 * 1000L;
  private static final long FIRST_LOOK_MS = 5;
  private static final long LAST_LOOK_MS = 200;

  private final BarrierTaskContext context;
  private final int replica;
  private final ServerSocket server;
  /** Replica 0: the connection of replica i at i (index 0 unused); others: the one to replica 0. */
  private final Socket[] peers;

  private SocketReplicaSync(BarrierTaskContext context, int replica, ServerSocket server,
      Socket[] peers) {
    this.context = context;
    this.replica = replica;
    this.server = server;
    this.peers = peers;
  }

  /**
   * Connects the replicas of {@code context}'s stage, which computes round {@code round} of the
   * run whose checkpoints {@code store} holds; closed when the task completes.
   */
  static SocketReplicaSync connect(BarrierTaskContext context, CheckpointStore store, int round) {
    int replica = context.partitionId();
    int replicas = context.getTaskInfos().length;
    String addressFile = String.format("replica-0-address-%s-%d-%d.txt",
        SparkEnv.get().conf().getAppId(), context.stageId(), context.stageAttemptNumber());
    try {
      if (replica == 0) {
        ServerSocket server = new ServerSocket();
        SocketReplicaSync sync = new SocketReplicaSync(context, 0, server, new Socket[replicas]);
        context.addTaskCompletionListener((TaskCompletionListener) c -> sync.close());
        server.bind(new InetSocketAddress(0));
        byte[] token = new byte[16];
        new SecureRandom().nextBytes(token);
        String tokenHex = HexFormat.of().formatHex(token);
        String host = context.getTaskInfos()[0].address().replaceFirst(":\\d+$", "");
        try (OutputStream out = store.create(round, addressFile)) {
          out.write((host + " " + server.getLocalPort() + " " + tokenHex + "\n")
              .getBytes(StandardCharsets.UTF_8));
        }
        sync.acceptPeers(replicas, tokenHex);
        store.delete(round, addressFile); // every other replica has read it
        return sync;
      }
      String[] where = awaitAddress(context, store, round, addressFile);
      Socket s = new Socket(where[0], Integer.parseInt(where[1]));
      SocketReplicaSync sync = new SocketReplicaSync(context, replica, null, new Socket[] {s});
      context.addTaskCompletionListener((TaskCompletionListener) c -> sync.close());
      s.setTcpNoDelay(true);
      s.setSoTimeout(POLL_MS);
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream()));
      out.writeUTF(where[2]);
      out.writeInt(replica);
      out.flush();
      return sync;
    } catch (IOException e) {
      throw new UncheckedIOException("replica " + replica + " cannot connect to the other "
          + "replicas: " + e.getMessage(), e);
    }
  }

  /** Replica 0's host, port and token, once its address file is complete. */
  private static String[] awaitAddress(BarrierTaskContext context, CheckpointStore store,
      int round, String addressFile) throws IOException {
    long deadline = System.currentTimeMillis() + PEER_TIMEOUT_MS;
    for (long wait = FIRST_LOOK_MS; ; wait = Math.min(2 * wait, LAST_LOOK_MS)) {
      Optional<byte[]> content = store.readTemporary(round, addressFile);
      if (content.isPresent()) {
        String text = new String(content.get(), StandardCharsets.UTF_8);
        String[] where = text.trim().split(" ");
        if (text.endsWith("\n") && where.length == 3) { // else replica 0 is still writing it
          return where;
        }
      }
      checkAlive(context, context.partitionId(), deadline,
          "replica 0's address in " + store.roundDir(round) + "/" + addressFile);
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        context.killTaskIfInterrupted();
        throw new IOException("interrupted while waiting for replica 0's address", e);
      }
    }
  }

  private void acceptPeers(int replicas, String token) throws IOException {
    server.setSoTimeout(POLL_MS);
    long deadline = System.currentTimeMillis() + PEER_TIMEOUT_MS;
    for (int connected = 1; connected < replicas; ) {
      Socket s;
      try {
        s = server.accept();
      } catch (SocketTimeoutException e) {
        checkAlive(context, replica, deadline, "replicas to connect");
        continue;
      }
      s.setTcpNoDelay(true);
      s.setSoTimeout(POLL_MS);
      DataInputStream in = new DataInputStream(new WaitingInput(s.getInputStream(), deadline));
      int from;
      if (!in.readUTF().equals(token) || (from = in.readInt()) < 1 || from >= replicas
          || peers[from] != null) {
        s.close(); // not one of this stage's replicas
        continue;
      }
      peers[from] = s;
      connected++;
    }
  }

  @Override
  public <T extends Serializable> List<T> allGather(T mine) {
    long deadline = System.currentTimeMillis() + PEER_TIMEOUT_MS;
    try {
      byte[][] all;
      if (replica == 0) {
        all = new byte[peers.length][];
        all[0] = encode(mine);
        for (int i = 1; i < peers.length; i++) {
          all[i] = read(peers[i], deadline, i);
        }
        for (int i = 1; i < peers.length; i++) {
          DataOutputStream out = new DataOutputStream(
              new BufferedOutputStream(peers[i].getOutputStream()));
          out.writeInt(all.length);
          for (byte[] m : all) {
            out.writeInt(m.length);
            out.write(m);
          }
          out.flush();
        }
      } else {
        DataOutputStream out = new DataOutputStream(
            new BufferedOutputStream(peers[0].getOutputStream()));
        byte[] message = encode(mine);
        out.writeInt(message.length);
        out.write(message);
        out.flush();
        DataInputStream in = new DataInputStream(
            new WaitingInput(peers[0].getInputStream(), deadline));
        all = new byte[in.readInt()][];
        for (int i = 0; i < all.length; i++) {
          all[i] = in.readNBytes(in.readInt());
        }
      }
      List<T> out = new ArrayList<>(all.length);
      for (byte[] m : all) {
        out.add(decode(m));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("replica " + replica + ": exchange with "
          + (replica == 0 ? "the other replicas" : "replica 0") + " failed (a replica stopped?): "
          + e.getMessage(), e);
    }
  }

  private byte[] read(Socket peer, long deadline, int from) throws IOException {
    DataInputStream in = new DataInputStream(new WaitingInput(peer.getInputStream(), deadline));
    try {
      return in.readNBytes(in.readInt());
    } catch (IOException e) {
      throw new IOException("replica " + from + ": " + e.getMessage(), e);
    }
  }

  private static void checkAlive(BarrierTaskContext context, int replica, long deadline,
      String waitingFor) throws IOException {
    context.killTaskIfInterrupted();
    if (System.currentTimeMillis() > deadline) {
      throw new IOException("replica " + replica + " waited " + PEER_TIMEOUT_MS / 60_000
          + " minutes for " + waitingFor);
    }
  }

  @Override
  public void close() {
    for (Socket s : peers) {
      closeQuietly(s);
    }
    closeQuietly(server);
  }

  private static void closeQuietly(java.io.Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // closing after the task: nothing left to lose
      }
    }
  }

  private static byte[] encode(Serializable message) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(message);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @SuppressWarnings("unchecked")
  private static <T> T decode(byte[] message) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(message))) {
      return (T) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot decode a replica's message", e);
    }
  }

  /**
   * A socket's input whose reads wait out the socket's one-second timeouts, checking between them
   * whether the task was killed or the exchange's deadline passed; end of stream is an error.
   */
  private final class WaitingInput extends InputStream {
    private final InputStream in;
    private final long deadline;

    WaitingInput(InputStream in, long deadline) {
      this.in = in;
      this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      while (true) {
        try {
          int n = in.read(b, off, len);
          if (n < 0) {
            throw new java.io.EOFException("connection closed");
          }
          return n;
        } catch (SocketTimeoutException e) {
          checkAlive(context, replica, deadline, "a message");
        }
      }
    }
  }
}
