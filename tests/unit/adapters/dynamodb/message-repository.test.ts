/**
 * The exact SDK commands of `messages.append` (aws-sdk-client-mock at the SDK seam): two
 * single-item conditional writes, never a transaction.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeMessageRepository } from '../../../../shared/adapters/dynamodb/message-repository.js';
import type { NewMessage } from '../../../../shared/ports/repositories.js';

const A = '01JDQ1V6X6W4ZK3M8N9P0Q2R3S';
const C = '01JDQ1V6X6W4ZK3M8N9P0Q2R3T';
const M = '01JDQ1V6X6W4ZK3M8N9P0Q2R3V';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
const sdk = mockClient(client);

function message(type: NewMessage['type']): NewMessage {
  return {
    accountId: A, conversationId: C, inboxId: C, id: M, type, status: 'sent', authorType: 'contact', body: 'Hi',
    createdAt: '2026-11-23T09:01:00.000Z',
  };
}

describe('messages.append', () => {
  beforeEach(() => {
    sdk.reset();
    sdk.on(UpdateCommand).resolves({ Attributes: { seq: 8 } });
    sdk.on(PutCommand).resolves({});
  });

  it('takes the seq with one conditional ADD on META (refreshing the list preview), then puts the message once, conditionally', async () => {
    const repo = makeMessageRepository({ client, tableName: 't' });

    const stored = await repo.append(message('incoming'));

    expect(stored.seq).toBe(8);
    expect(sdk.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(sdk.commandCalls(UpdateCommand)[0]?.args[0].input).toStrictEqual({
      TableName: 't',
      Key: { pk: `ACC#${A}#CONV#${C}`, sk: 'META' },
      UpdateExpression: 'SET lastActivityAt = :at, gsi1sk = :gsi1sk, lastMessage = :preview ADD seq :one, unreadCount :one',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: {
        ':at': '2026-11-23T09:01:00.000Z',
        ':gsi1sk': `2026-11-23T09:01:00.000Z#${C}`,
        ':one': 1,
        ':preview': { authorType: 'contact', body: 'Hi', createdAt: '2026-11-23T09:01:00.000Z' },
      },
      ReturnValues: 'UPDATED_NEW',
    });
    expect(sdk.commandCalls(PutCommand)[0]?.args[0].input).toStrictEqual({
      TableName: 't',
      Item: { pk: `ACC#${A}#CONV#${C}`, sk: `MSG#${M}`, entity: 'Message', ...message('incoming'), seq: 8 },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  it('counts only incoming messages as unread', async () => {
    const repo = makeMessageRepository({ client, tableName: 't' });

    await repo.append(message('outgoing'));

    expect(sdk.commandCalls(UpdateCommand)[0]?.args[0].input.UpdateExpression).toBe('SET lastActivityAt = :at, gsi1sk = :gsi1sk, lastMessage = :preview ADD seq :one');
  });
});
