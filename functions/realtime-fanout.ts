/**
 * realtime-fanout — consumes the table stream and pushes each conversation and message change
 * to the WebSocket connections subscribed to it, and agents' presence (their connections and
 * availability) to their account's `account` topic.
 *
 * Records are handled in stream order. On the first record that fails, the function stops and
 * reports that record (and so, implicitly, every later one) in `batchItemFailures`: Lambda then
 * retries from it, so order is kept and nothing after a failure is skipped.
 */
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { decodeStreamRecord, streamFanOut } from '../shared/runtime/containers/realtime.js';
import { logger } from '../shared/runtime/logger.js';
import { correlation } from '../shared/runtime/middleware/correlation.js';

async function fanOut(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const services = streamFanOut();
  let sent = 0;
  let gone = 0;
  for (const record of event.Records) {
    try {
      const change = decodeStreamRecord(record);
      if (!change) continue;
      const result = await services.fanOutChange(change);
      sent += result.sent;
      gone += result.gone;
    } catch (error) {
      logger().error('fan-out failed; retrying from this record', {
        sequenceNumber: record.dynamodb?.SequenceNumber,
        errorName: (error as Error).name,
        errorMessage: (error as Error).message,
      });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  logger().debug('fan-out done', { records: event.Records.length, sent, gone });
  return { batchItemFailures: [] };
}

const handler = middy(fanOut).use(correlation());
export { handler };
