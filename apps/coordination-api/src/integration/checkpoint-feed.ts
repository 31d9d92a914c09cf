import { CheckpointRelay, type CheckpointRelayOptions, KafkaPublisher } from '@tppo/messaging';
import type { AppConfig } from '../config/app-config';
import { CheckpointPublicationsStore } from '../transparency/checkpoint-publications.store';
import { TransparencyLogStore } from '../transparency/transparency-log.store';

export interface CheckpointFeed {
  readonly relay: CheckpointRelay;
  /** Lets go of Kafka and of the log's file; after the relay stopped. */
  close(): Promise<void>;
}

/**
 * The relay of the transparency log's signed checkpoints to KAFKA_CHECKPOINT_TOPIC, on its own
 * connection to the log's file (the API's process and apps/kafka-relay alike), and its own producer:
 * a failure of the case-event relay drops that one's connection, not this one's. None without Kafka
 * or without the log.
 */
export const openCheckpointFeed = (config: AppConfig, log?: CheckpointRelayOptions['log']): CheckpointFeed | undefined => {
  if (!config.kafka || !config.transparency.enabled) return undefined;
  const publisher = new KafkaPublisher({ brokers: config.kafka.brokers, clientId: `${config.kafka.clientId}-checkpoints` });
  const file = TransparencyLogStore.open(config.transparency.file);
  const marks = CheckpointPublicationsStore.open(config.transparency.file, file);
  const relay = new CheckpointRelay(marks, publisher, { topic: config.kafka.checkpointTopic, ...(log ? { log } : {}) });
  return {
    relay,
    close: async () => {
      await publisher.close();
      marks.close();
      file.close();
    },
  };
};
