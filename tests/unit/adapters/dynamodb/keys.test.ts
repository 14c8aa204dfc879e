/**
 * The key module (pure): tenant-first keys, routing items, forged-key refusal.
 */
import { describe, expect, it } from 'vitest';
import { InvalidKeyPartError } from '../../../../shared/adapters/dynamodb/errors.js';
import * as keys from '../../../../shared/adapters/dynamodb/keys.js';

const A = '01JDQ1V6X6W4ZK3M8N9P0Q2R3S';
const ID = '01JDQ1V6X6W4ZK3M8N9P0Q2R3T';
const NEXT = '01JDQ1V6X6W4ZK3M8N9P0Q2R3V';

describe('keys', () => {
  it('starts every tenant-owned pk and GSI pk with the account', () => {
    const partitions = [
      keys.accountKey(A).pk, keys.inboxKey(A, ID).pk, keys.inboxesQuery(A).pk, keys.contactKey(A, ID).pk,
      keys.identityKey(A, 'sms', '+14155550123').pk, keys.identityGsi1(A, ID, 'sms', '+1').gsi1pk,
      keys.conversationKey(A, ID).pk, keys.conversationGsi1(A, 'open', '2026-01-01T00:00:00.000Z', ID).gsi1pk,
      keys.conversationGsi2(A, ID, '2026-01-01T00:00:00.000Z', ID).gsi2pk, keys.messageKey(A, ID, NEXT).pk,
      keys.agentKey(A, ID).pk, keys.agentsQuery(A).pk, keys.sessionKey(A, 'abc').pk, keys.sessionGsi1(A, ID, 'now').gsi1pk,
      keys.ticketKey(A, 'abc').pk, keys.connectionKey(A, 'c=').pk, keys.connectionGsi1(A, ID, 'now', 'c=').gsi1pk,
      keys.subscriptionKey(A, 'account', 'c=').pk, keys.subscriptionGsi1(A, 'c=', 'account').gsi1pk,
    ];

    for (const pk of partitions) expect(pk === `ACC#${A}` || pk.startsWith(`ACC#${A}#`)).toBe(true);
  });

  it('builds the documented keys', () => {
    expect(keys.accountKey(A)).toStrictEqual({ pk: `ACC#${A}`, sk: 'ACCOUNT' });
    expect(keys.inboxKey(A, ID)).toStrictEqual({ pk: `ACC#${A}`, sk: `INBOX#${ID}` });
    expect(keys.identityKey(A, 'email', 'dana@example.test')).toStrictEqual({ pk: `ACC#${A}#IDENTITY#email#dana@example.test`, sk: 'IDENTITY' });
    expect(keys.conversationGsi1(A, 'pending', '2026-01-01T00:00:00.000Z', ID)).toStrictEqual({
      gsi1pk: `ACC#${A}#CONVS#pending`, gsi1sk: `2026-01-01T00:00:00.000Z#${ID}`,
    });
    expect(keys.conversationGsi2(A, NEXT, '2026-01-01T00:00:00.000Z', ID)).toStrictEqual({
      gsi2pk: `ACC#${A}#CONTACT#${NEXT}#CONVS`, gsi2sk: `2026-01-01T00:00:00.000Z#${ID}`,
    });
    expect(keys.messageKey(A, ID, NEXT)).toStrictEqual({ pk: `ACC#${A}#CONV#${ID}`, sk: `MSG#${NEXT}` });
    expect(keys.sessionGsi1(A, ID, '2026-01-01T00:00:00.000Z')).toStrictEqual({ gsi1pk: `ACC#${A}#AGENT#${ID}#SESSIONS`, gsi1sk: '2026-01-01T00:00:00.000Z' });
    expect(keys.subscriptionKey(A, `conversation:${ID}`, 'c=')).toStrictEqual({ pk: `ACC#${A}#TOPIC#conversation:${ID}`, sk: 'CONN#c=' });
    expect(keys.subscriptionGsi1(A, 'c=', 'account')).toStrictEqual({ gsi1pk: `ACC#${A}#CONN#c=#SUBS`, gsi1sk: 'TOPIC#account' });
  });

  it('keeps messages and their conversation in one item collection, META sorting before every message', () => {
    const meta = keys.conversationKey(A, ID);
    const message = keys.messageKey(A, ID, NEXT);

    expect(message.pk).toBe(meta.pk);
    expect(meta.sk < keys.messageRange().from).toBe(true);
    expect(message.sk > keys.messageRange().from && message.sk < keys.messageRange().to).toBe(true);
  });

  it('bounds a message range by its anchors, inclusively', () => {
    expect(keys.messageRange(ID, NEXT)).toStrictEqual({ from: `MSG#${ID}`, to: `MSG#${NEXT}` });
    expect(keys.messageRange(undefined, NEXT)).toStrictEqual({ from: 'MSG#', to: `MSG#${NEXT}` });
    expect(keys.messageRange(ID)).toStrictEqual({ from: `MSG#${ID}`, to: 'MSG#~' });
  });

  it('makes routing items the only keys outside a tenant, with a lower-cased email', () => {
    expect(keys.widgetRouteKey('wt_abc')).toStrictEqual({ pk: 'ROUTE#widget#wt_abc', sk: 'ROUTE' });
    expect(keys.agentEmailRouteKey(' Sam.Lee@Acme.TEST ')).toStrictEqual({ pk: 'ROUTE#agent-email#sam.lee@acme.test', sk: 'ROUTE' });
  });

  it('refuses an id part that is empty or contains "#", which could forge another tenant\'s key', () => {
    expect(() => keys.accountKey(`${A}#CONV#${ID}`)).toThrow(InvalidKeyPartError);
    expect(() => keys.conversationKey(A, '')).toThrow(InvalidKeyPartError);
    expect(() => keys.messageKey(A, ID, 'x#y')).toThrow(InvalidKeyPartError);
    expect(() => keys.sessionKey(A, '')).toThrow(InvalidKeyPartError);
    expect(() => keys.agentEmailRouteKey('   ')).toThrow(InvalidKeyPartError);
  });

  it('turns an ISO expiry into epoch seconds for ttl, rounding up', () => {
    expect(keys.ttlFromIso('2026-01-01T00:00:00.000Z')).toBe(1767225600);
    expect(keys.ttlFromIso('2026-01-01T00:00:00.001Z')).toBe(1767225601);
    expect(() => keys.ttlFromIso('tomorrow')).toThrow(InvalidKeyPartError);
  });
});
