package io.portkit.spring.boot.test;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A one-node KRaft Kafka in the test JVM (Kafka's own test kit), as port-kafka's tests use. */
final class KafkaBroker implements AutoCloseable {
  private final KafkaClusterTestKit cluster;
  private final Admin admin;
  private final KafkaProducer<String, byte[]> producer;

  private KafkaBroker(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", cluster.bootstrapServers());
    this.admin = Admin.create(p);
    p.setProperty("acks", "all");
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  static KafkaBroker start() throws Exception {
    KafkaClusterTestKit cluster =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("offsets.topic.num.partitions", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .setConfigProp("group.min.session.timeout.ms", "1000")
            .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    return new KafkaBroker(cluster);
  }

  String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  void createTopic(String topic) throws Exception {
    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
  }

  void send(String topic, String key, byte[] value) throws Exception {
    producer.send(new ProducerRecord<>(topic, key, value)).get();
  }

  @Override
  public void close() throws Exception {
    producer.close(Duration.ofSeconds(5));
    admin.close(Duration.ofSeconds(5));
    cluster.close();
  }
}
