/**
 * DynamoDB stream records — layer: infra (local composition root).
 *
 * Converts records read from DynamoDB Streams into the `DynamoDBStreamEvent` records Lambda
 * delivers: attribute values stay in DynamoDB JSON (`{ S: '…' }`, numbers as strings, binary as
 * base64), `ApproximateCreationDateTime` is epoch seconds, `awsRegion` is the configured region.
 * Also applies the manifest's `entities` filter the way the event source mapping's filter
 * criteria would (`entity.S` of the new or the old image is one of the listed entities).
 */
import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';

type LambdaAttributeValue = Record<string, unknown>;

function base64(bytes: unknown): string {
  return Buffer.from(bytes as Uint8Array).toString('base64');
}

/** One SDK attribute value as Lambda's JSON shows it. */
export function lambdaAttributeValue(value: unknown): LambdaAttributeValue {
  const v = value as Record<string, unknown>;
  if (v.S !== undefined) return { S: v.S };
  if (v.N !== undefined) return { N: v.N };
  if (v.B !== undefined) return { B: base64(v.B) };
  if (v.SS !== undefined) return { SS: v.SS };
  if (v.NS !== undefined) return { NS: v.NS };
  if (v.BS !== undefined) return { BS: (v.BS as unknown[]).map(base64) };
  if (v.M !== undefined) return { M: lambdaImage(v.M as Record<string, unknown>) };
  if (v.L !== undefined) return { L: (v.L as unknown[]).map(lambdaAttributeValue) };
  if (v.NULL !== undefined) return { NULL: v.NULL };
  if (v.BOOL !== undefined) return { BOOL: v.BOOL };
  return {};
}

/** An item image (or key) in Lambda's JSON. */
export function lambdaImage(image: Record<string, unknown> | undefined): Record<string, LambdaAttributeValue> {
  return Object.fromEntries(Object.entries(image ?? {}).map(([name, value]) => [name, lambdaAttributeValue(value)]));
}

/** One Lambda stream record from one record of the table's stream. */
export function lambdaStreamRecord(record: StreamRecord, streamArn: string, region: string): DynamoDBRecord {
  const change = record.dynamodb ?? {};
  const created = change.ApproximateCreationDateTime;
  return {
    eventID: record.eventID ?? '',
    ...(record.eventName ? { eventName: record.eventName } : {}),
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb: {
      ...(created ? { ApproximateCreationDateTime: Math.floor(created.getTime() / 1000) } : {}),
      Keys: lambdaImage(change.Keys),
      ...(change.NewImage ? { NewImage: lambdaImage(change.NewImage) } : {}),
      ...(change.OldImage ? { OldImage: lambdaImage(change.OldImage) } : {}),
      ...(change.SequenceNumber ? { SequenceNumber: change.SequenceNumber } : {}),
      ...(change.SizeBytes !== undefined ? { SizeBytes: change.SizeBytes } : {}),
      ...(change.StreamViewType ? { StreamViewType: change.StreamViewType } : {}),
    } as DynamoDBRecord['dynamodb'],
    eventSourceARN: streamArn,
    ...(record.userIdentity ? { userIdentity: { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId } } : {}),
  };
}

/** True when the record passes an `entities` filter (no filter passes everything). */
export function matchesEntities(record: DynamoDBRecord, entities: readonly string[] | undefined): boolean {
  if (!entities) return true;
  const entityOf = (image: Record<string, { S?: string }> | undefined) => image?.entity?.S;
  const newEntity = entityOf(record.dynamodb?.NewImage as Record<string, { S?: string }> | undefined);
  const oldEntity = entityOf(record.dynamodb?.OldImage as Record<string, { S?: string }> | undefined);
  return (newEntity !== undefined && entities.includes(newEntity)) || (oldEntity !== undefined && entities.includes(oldEntity));
}
