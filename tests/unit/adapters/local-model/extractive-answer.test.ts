// The local model's extractive answering — unit specification.
import { describe, expect, it } from 'vitest';
import { extractAnswer } from '../../../../shared/adapters/local-model/extractive-answer.js';

const care = [
  'Wash waterproof jackets at 30 °C with a technical cleaner, and close every zip first.',
  'Clean a tent with lukewarm water; never put a tent in the washing machine.',
  'Wash down at 30 °C on a gentle cycle with a down wash.',
].join(' ');

describe('extractAnswer', () => {
  it('answers with the sentences closest to the question, leaving out ones that share a single word', () => {
    expect(extractAnswer('How do I wash my waterproof jacket?', [care])).toBe(
      'Wash waterproof jackets at 30 °C with a technical cleaner, and close every zip first.',
    );
  });

  it('keeps several sentences that are about as close, in reading order', () => {
    const returns = 'You can return any unused item within 30 days of delivery. Sale items can be returned within 14 days. Our shop opens at nine.';
    expect(extractAnswer('How many days do I have to return an item?', [returns])).toBe(
      'You can return any unused item within 30 days of delivery. Sale items can be returned within 14 days.',
    );
  });

  it('says nothing when no sentence shares enough of the question', () => {
    expect(extractAnswer('Do you sell gift vouchers?', [care])).toBeUndefined();
  });
});
