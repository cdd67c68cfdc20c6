package dev.cascade.local;

import dev.cascade.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates Cascade's topics (and their dead-letter topics) with the partitions and clean-up policy they need. */
final class TopicSetup {

    private TopicSetup() {
    }

    /** Creates what is missing; existing topics are left as they are. Returns the names created. */
    static List<String> ensureTopics(String bootstrap, int partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        return ensureTopics(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), partitions);
    }

    /** The same with an admin client's settings (bootstrap and credentials: the local broker's {@code admin}). */
    static List<String> ensureTopics(Map<String, Object> adminClient, int partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(adminClient)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : Topics.ALL) {
                if (!existing.contains(topic)) {
                    NewTopic newTopic = new NewTopic(topic, partitions, (short) 1);
                    if (Topics.COMPACTED.contains(topic)) {
                        newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                    }
                    missing.add(newTopic);
                }
                String deadLetter = Topics.deadLetter(topic);
                if (!existing.contains(deadLetter)) {
                    // as many partitions as the topic: the binder sends a dead letter to the partition it came from
                    missing.add(new NewTopic(deadLetter, partitions, (short) 1));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            return missing.stream().map(NewTopic::name).toList();
        }
    }
}
