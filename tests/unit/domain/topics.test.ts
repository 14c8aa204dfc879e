import { describe, expect, it } from 'vitest';
import { formatTopic, parseTopic } from '../../../shared/domain/topics.js';
import { newId } from '../../helpers/fixtures.js';

describe('topics', () => {
  it('round-trips every topic kind', () => {
    const id = newId();
    for (const raw of [`conversation:${id}`, `inbox:${id}`, `agent:${id}`, 'account']) {
      const topic = parseTopic(raw);
      expect(topic).toBeDefined();
      expect(formatTopic(topic!)).toBe(raw);
    }
  });

  it.each(['', 'conversation', 'conversation:', 'conversation:abc', `tenant:${'0'.repeat(26)}`, `conversation:${'0'.repeat(26)}:x`, `public:conversation:${'0'.repeat(26)}`])(
    'rejects %j',
    (raw) => {
      expect(parseTopic(raw)).toBeUndefined();
    },
  );
});
