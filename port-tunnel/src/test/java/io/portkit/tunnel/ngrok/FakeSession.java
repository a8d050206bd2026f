package io.portkit.tunnel.ngrok;

import com.ngrok.EdgeBuilder;
import com.ngrok.Forwarder;
import com.ngrok.HttpBuilder;
import com.ngrok.Listener;
import com.ngrok.TcpBuilder;
import com.ngrok.TlsBuilder;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** A scripted ngrok session that records every call in order. */
final class FakeSession implements com.ngrok.Session {
  final List<String> events;
  final CountDownLatch closed = new CountDownLatch(1);
  String publicUrl = "https://abc123.ngrok-free.app";
  IOException forwardFailure;

  FakeSession(List<String> events) {
    this.events = events;
  }

  static List<String> newEvents() {
    return java.util.Collections.synchronizedList(new ArrayList<>());
  }

  @Override
  public String getId() {
    return "sess_1";
  }

  @Override
  public String getMetadata() {
    return "";
  }

  @Override
  public Forwarder.Endpoint forwardHttp(HttpBuilder builder, URL url) throws IOException {
    events.add("forwardHttp domain=" + builder.getDomain().orElse("-") + " to=" + url);
    if (forwardFailure != null) {
      throw forwardFailure;
    }
    return new FakeForwarder(publicUrl);
  }

  @Override
  public Forwarder.Edge forwardEdge(EdgeBuilder builder, URL url) throws IOException {
    events.add("forwardEdge labels=" + builder.getLabels() + " to=" + url);
    if (forwardFailure != null) {
      throw forwardFailure;
    }
    return new FakeForwarder(null);
  }

  @Override
  public void closeForwarder(String id) {
    events.add("closeForwarder " + id);
  }

  @Override
  public void close() {
    events.add("session.close");
    closed.countDown();
  }

  @Override
  public Listener.Endpoint listenTcp(TcpBuilder builder) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Forwarder.Endpoint forwardTcp(TcpBuilder builder, URL url) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Listener.Endpoint listenTls(TlsBuilder builder) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Forwarder.Endpoint forwardTls(TlsBuilder builder, URL url) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Listener.Endpoint listenHttp(HttpBuilder builder) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Listener.Edge listenEdge(EdgeBuilder builder) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void closeListener(String id) {
    throw new UnsupportedOperationException();
  }

  /** A forwarder that is both kinds; only the kind the session returns matters. */
  static final class FakeForwarder implements Forwarder.Endpoint, Forwarder.Edge {
    private final String url;

    FakeForwarder(String url) {
      this.url = url;
    }

    @Override
    public String getId() {
      return "fwd_1";
    }

    @Override
    public String getMetadata() {
      return "";
    }

    @Override
    public String getForwardsTo() {
      return "";
    }

    @Override
    public String getProto() {
      return "https";
    }

    @Override
    public String getUrl() {
      return url;
    }

    @Override
    public Map<String, String> getLabels() {
      return Map.of();
    }

    @Override
    public void join() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
      throw new AssertionError("the tunnel closes forwarders through session.closeForwarder");
    }
  }
}
