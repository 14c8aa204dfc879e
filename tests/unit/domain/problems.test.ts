/**
 * Problem rules (shared/domain/problems.ts): similarity, dedupe at 0.85, samples and ranking.
 */
import { describe, expect, it } from 'vitest';
import {
  cosineSimilarity, matchProblem, maxProblemSamples, normalizeQuestion, problemDedupeThreshold, rankProblems, withSample,
} from '../../../shared/domain/problems.js';

/** A unit vector at `degrees` from the x axis (cos of the angle between two is their similarity). */
function at(degrees: number): number[] {
  const r = (degrees * Math.PI) / 180;
  return [Math.cos(r), Math.sin(r)];
}

describe('cosineSimilarity', () => {
  it('is 1 for the same direction, 0 for orthogonal vectors and for a zero or mismatched vector', () => {
    expect(cosineSimilarity([1, 2, 3], [2, 4, 6])).toBeCloseTo(1);
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([0, 0], [1, 1])).toBe(0);
    expect(cosineSimilarity([1, 0], [1, 0, 0])).toBe(0);
  });
});

describe('matchProblem', () => {
  it('joins the most similar unresolved problem at or above 0.85, never a resolved one', () => {
    // cos(30°) ≈ 0.866 ≥ 0.85; cos(35°) ≈ 0.819 < 0.85
    const near = { id: 'near', embedding: at(30), status: 'open' as const };
    const nearer = { id: 'nearer', embedding: at(10), status: 'fix_drafted' as const };
    const resolved = { id: 'resolved', embedding: at(0), status: 'resolved' as const };
    const far = { id: 'far', embedding: at(35), status: 'open' as const };

    expect(problemDedupeThreshold).toBe(0.85);
    expect(matchProblem(at(0), [near, nearer, resolved, far])?.problem.id).toBe('nearer');
    expect(matchProblem(at(0), [near, far])?.problem.id).toBe('near');
    expect(matchProblem(at(0), [far, resolved])).toBeUndefined();
  });
});

describe('samples, ranking and questions', () => {
  it('keeps at most 5 samples', () => {
    const sample = { conversationId: 'c', contactId: 'k', question: 'q', at: 't' };
    let samples: readonly (typeof sample)[] = [];
    for (let i = 0; i < 7; i += 1) samples = withSample(samples, { ...sample, question: `q${i}` });
    expect(samples).toHaveLength(maxProblemSamples);
    expect(samples.at(-1)?.question).toBe('q4');
  });

  it('ranks by affected contacts, then occurrences, then the most recent', () => {
    const ranked = rankProblems([
      { id: 'a', affectedContacts: 1, occurrences: 9, lastSeenAt: '2026-12-01' },
      { id: 'b', affectedContacts: 3, occurrences: 3, lastSeenAt: '2026-12-01' },
      { id: 'c', affectedContacts: 1, occurrences: 9, lastSeenAt: '2026-12-02' },
    ]);
    expect(ranked.map((p) => p.id)).toEqual(['b', 'c', 'a']);
  });

  it('collapses whitespace and cuts long questions', () => {
    expect(normalizeQuestion('  where   is\n my order? ')).toBe('where is my order?');
    expect(normalizeQuestion('x'.repeat(5000))).toHaveLength(1000);
  });
});
