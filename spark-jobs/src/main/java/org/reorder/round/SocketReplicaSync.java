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
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.util.TaskCompletionListener;

/**
 * The replicas of a barrier stage exchanging messages over direct TCP connections: replica 0
 * listens, the others connect to it once per round, and every {@link #allGather} is one message
 * up to replica 0 and the gathered list back down (a star; the messages are small: REINFORCE
 * statistics of a policy step, the digests of the parameter average).
 *
 * <p>Why not Spark's {@code BarrierTaskContext.allGather} for every call: it polls for its answer
 * with {@code Thread.sleep(1000)} (Spark 3.5, {@code runBarrier}), so each call costs up to a second,
 * and a round with R > 1 calls it after every policy step: at a 0.25 s GPU step that would
 * quadruple the policy phase. Spark's allGather is used once, to tell the others where replica 0
 * listens, with a random token the connections must present (anyone else on the network is
 * refused).
 *
 * <p>Failures: a replica whose peer dies reads end-of-stream or its socket closes and throws,
 * naming the replica, so the barrier stage fails and the driver submits the round again. Waits
 * wake every second to check whether Spark killed the task (as Spark's own barrier does).
 */
final class SocketReplicaSync implements ReplicaSync, AutoCloseable {
  private static final int POLL_MS = 1000;
  /** How long a replica waits for the others at one exchange (steps and saves included). */
  private static final long PEER_TIMEOUT_MS = 30 * 60 * 1000L;

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

  /** Connects the replicas of {@code context}'s stage; closed when the task completes. */
  static SocketReplicaSync connect(BarrierTaskContext context) {
    int replica = context.partitionId();
    int replicas = context.getTaskInfos().length;
    try {
      ServerSocket server = null;
      String offer = "";
      if (replica == 0) {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(0));
        byte[] token = new byte[16];
        new SecureRandom().nextBytes(token);
        String host = context.getTaskInfos()[0].address().replaceFirst(":\\d+$", "");
        offer = host + " " + server.getLocalPort() + " " + HexFormat.of().formatHex(token);
      }
      String[] where = context.allGather(offer)[0].split(" ");
      Socket[] peers = new Socket[replica == 0 ? replicas : 1];
      SocketReplicaSync sync = new SocketReplicaSync(context, replica, server, peers);
      context.addTaskCompletionListener((TaskCompletionListener) c -> sync.close());
      if (replica == 0) {
        sync.acceptPeers(replicas, where[2]);
      } else {
        Socket s = new Socket(where[0], Integer.parseInt(where[1]));
        s.setTcpNoDelay(true);
        s.setSoTimeout(POLL_MS);
        peers[0] = s;
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream()));
        out.writeUTF(where[2]);
        out.writeInt(replica);
        out.flush();
      }
      return sync;
    } catch (IOException e) {
      throw new UncheckedIOException("replica " + replica + " cannot connect to the other "
          + "replicas: " + e.getMessage(), e);
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
        checkAlive(deadline, "replicas to connect");
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

  private void checkAlive(long deadline, String waitingFor) throws IOException {
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
          checkAlive(deadline, "a message");
        }
      }
    }
  }
}
