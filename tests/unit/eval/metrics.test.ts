import { describe, expect, it } from 'vitest';
import {
  documentRanking, mean, ndcgAtK, noAnswerCounts, noAnswerPrecision, noAnswerRecall, percentile, recallAtK, separationAuc,
} from '../../../eval/metrics.js';

describe('documentRanking', () => {
  it('keeps each document once, where its best chunk ranks', () => {
    // Prepare
    const chunks = ['returns', 'refunds', 'returns', 'warranty', 'refunds'];

    // Act
    const ranking = documentRanking(chunks);

    // Assess
    expect(ranking).toEqual(['returns', 'refunds', 'warranty']);
  });
});

describe('recallAtK', () => {
  it('counts a document as found when any of its chunks is in the top k', () => {
    // Prepare
    const chunks = ['a', 'a', 'b', 'c', 'd'];

    // Act
    const recall = recallAtK(chunks, ['b', 'd'], 3);

    // Assess
    expect(recall).toBe(0.5);
  });

  it('refuses a question without relevant documents', () => {
    // Act / Assess
    expect(() => recallAtK(['a'], [], 5)).toThrow(RangeError);
  });
});

describe('ndcgAtK', () => {
  it('is 1 when the relevant documents rank first', () => {
    // Act
    const ndcg = ndcgAtK(['a', 'b', 'x'], ['b', 'a'], 10);

    // Assess
    expect(ndcg).toBeCloseTo(1, 10);
  });

  it('discounts a relevant document by the rank of its document, not of its chunk', () => {
    // Prepare: two chunks of x, then a → a is the second document.
    const chunks = ['x', 'x', 'a'];

    // Act
    const ndcg = ndcgAtK(chunks, ['a'], 10);

    // Assess
    expect(ndcg).toBeCloseTo(1 / Math.log2(3), 10);
  });

  it('is 0 when nothing relevant is in the top k chunks', () => {
    // Act
    const ndcg = ndcgAtK(['x', 'y', 'a'], ['a'], 2);

    // Assess
    expect(ndcg).toBe(0);
  });
});

describe('no-answer precision and recall', () => {
  it('treats "not answerable" as the positive prediction', () => {
    // Prepare
    const outcomes = [
      { hasAnswer: false, answerable: false }, // caught
      { hasAnswer: false, answerable: true }, // missed: the bot would answer from unrelated text
      { hasAnswer: true, answerable: false }, // needless hand-over
      { hasAnswer: true, answerable: true },
    ];

    // Act
    const counts = noAnswerCounts(outcomes);

    // Assess
    expect(counts).toEqual({ truePositives: 1, falsePositives: 1, falseNegatives: 1 });
    expect(noAnswerPrecision(counts)).toBe(0.5);
    expect(noAnswerRecall(counts)).toBe(0.5);
  });

  it('is 0 rather than NaN when the prediction is never made', () => {
    // Act
    const counts = noAnswerCounts([{ hasAnswer: true, answerable: true }]);

    // Assess
    expect(noAnswerPrecision(counts)).toBe(0);
    expect(noAnswerRecall(counts)).toBe(0);
  });
});

describe('mean and percentile', () => {
  it('uses the nearest rank', () => {
    // Prepare
    const values = [5, 1, 4, 2, 3];

    // Act / Assess
    expect(percentile(values, 50)).toBe(3);
    expect(percentile(values, 99)).toBe(5);
    expect(percentile(values, 0)).toBe(1);
    expect(mean(values)).toBe(3);
    expect(mean([])).toBe(0);
  });
});

describe('separationAuc', () => {
  it('is the share of (higher, lower) pairs ordered right, ties counting half', () => {
    // Act / Assess
    expect(separationAuc([0.9, 0.8], [0.1, 0.85])).toBe(0.75);
    expect(separationAuc([0.5], [0.5])).toBe(0.5);
    expect(separationAuc([1, 2], [0])).toBe(1);
  });
});
