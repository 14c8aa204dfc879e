/**
 * The AI turn's conditional conversation writes against DynamoDB Local: AP-90 (claim the turn,
 * give it back) and AP-91 (change who handles a conversation).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeAiTurnRepository } from '../../../shared/adapters/dynamodb/ai-turn-repository.js';
import type { AiTurnRepository } from '../../../shared/ports/ai-turns.js';
import { dynamoTestTable, newAccountId, type DynamoTestTable } from '../../helpers/dynamo-test-table.js';
import { aConversation, at, newId } from './builders.js';

let table: DynamoTestTable;
let turns: AiTurnRepository;
beforeAll(async () => {
  table = await dynamoTestTable();
  turns = makeAiTurnRepository({ client: table.client, tableName: table.tableName });
});

describe('AI turn repository', () => {
  it('AP-90: claims a turn once per message, only forward, only while the bot handles the conversation, and gives its own claim back', async () => {
    // Prepare
    const accountId = newAccountId();
    const conversation = aConversation(accountId, { handledBy: 'bot', seq: 3 });
    await table.repos.conversations.create(conversation);
    const [first, second] = [newId(), newId()];
    // Act
    const claimed = await turns.claimTurn(accountId, conversation.id, first);
    const again = await turns.claimTurn(accountId, conversation.id, first);
    const later = await turns.claimTurn(accountId, conversation.id, second);
    const backwards = await turns.claimTurn(accountId, conversation.id, first);
    await turns.releaseTurn(accountId, conversation.id, first, undefined);
    const afterStaleRelease = await table.repos.conversations.get(accountId, conversation.id);
    await turns.releaseTurn(accountId, conversation.id, second, first);
    const afterRelease = await table.repos.conversations.get(accountId, conversation.id);
    // Assess
    expect(claimed).toMatchObject({ aiAnsweredThrough: first, seq: 4 });
    expect(again).toBeUndefined();
    expect(later?.aiAnsweredThrough).toBe(second);
    expect(backwards).toBeUndefined();
    expect(afterStaleRelease?.aiAnsweredThrough).toBe(second);
    expect(afterRelease?.aiAnsweredThrough).toBe(first);
  });

  it('AP-90: never claims a conversation a person handles, another tenant\'s, or one that does not exist (no headless item)', async () => {
    const accountId = newAccountId();
    const human = aConversation(accountId, { handledBy: 'human' });
    await table.repos.conversations.create(human);
    expect(await turns.claimTurn(accountId, human.id, newId())).toBeUndefined();
    const bot = aConversation(accountId, { handledBy: 'bot' });
    await table.repos.conversations.create(bot);
    expect(await turns.claimTurn(newAccountId(), bot.id, newId())).toBeUndefined();
    const missing = newId();
    expect(await turns.claimTurn(accountId, missing, newId())).toBeUndefined();
    expect(await table.repos.conversations.get(accountId, missing)).toBeUndefined();
  });

  it('AP-91: changes the handler only from the expected states, with the summary, assigning only an unassigned conversation', async () => {
    // Prepare
    const accountId = newAccountId();
    const conversation = aConversation(accountId, { handledBy: 'bot' });
    await table.repos.conversations.create(conversation);
    const summary = { text: 'Wants a refund for order 7.', reason: 'customer_asked' as const, createdAt: at(5) };
    const [grace, alan] = [newId(), newId()];
    // Act
    const handedOff = await turns.changeHandler(accountId, conversation.id, { from: ['bot'], to: 'pending_handoff', aiSummary: summary });
    const stale = await turns.changeHandler(accountId, conversation.id, { from: ['bot'], to: 'pending_handoff', aiSummary: summary });
    const taken = await turns.changeHandler(accountId, conversation.id, { from: ['bot', 'pending_handoff'], to: 'human', assignIfUnassigned: grace });
    const returned = await turns.changeHandler(accountId, conversation.id, { from: ['human'], to: 'bot' });
    const takenAgain = await turns.changeHandler(accountId, conversation.id, { from: ['bot'], to: 'human', assignIfUnassigned: alan });
    // Assess
    expect(handedOff).toMatchObject({ handledBy: 'pending_handoff', aiSummary: summary });
    expect(stale).toBeUndefined();
    expect(taken).toMatchObject({ handledBy: 'human', assigneeId: grace });
    expect(returned?.handledBy).toBe('bot');
    expect(takenAgain).toMatchObject({ handledBy: 'human', assigneeId: grace });
    expect(await turns.changeHandler(newAccountId(), conversation.id, { from: ['human'], to: 'bot' })).toBeUndefined();
  });
});
