// Local embedder (shared/adapters/local-model/local-embedder.ts) — unit specification.
import { describe, expect, it } from 'vitest';
import {
  createLocalEmbedder, localEmbedderDefaultDimensions, localEmbedderModelId,
} from '../../../../shared/adapters/local-model/local-embedder.js';

const cosine = (a: readonly number[], b: readonly number[]): number =>
  a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);
const norm = (v: readonly number[]): number => Math.sqrt(cosine(v, v));

describe('createLocalEmbedder', () => {
  it('reports its model id and the default dimension count', () => {
    const embedder = createLocalEmbedder();

    expect(embedder.modelId).toBe(localEmbedderModelId);
    expect(embedder.dimensions).toBe(localEmbedderDefaultDimensions);
  });

  it('returns one vector of the configured length per text, in order', async () => {
    // Prepare
    const embedder = createLocalEmbedder({ dimensions: 256 });

    // Act
    const vectors = await embedder.embed(['refunds', 'shipping times', 'opening hours']);

    // Assess
    expect(vectors).toHaveLength(3);
    for (const vector of vectors) expect(vector).toHaveLength(256);
    expect(vectors[0]).toEqual((await embedder.embed(['refunds']))[0]);
  });

  it('gives the same vector for the same text, across embedder instances', async () => {
    const text = 'Where is my parcel? It was shipped on Monday.';

    const [first] = await createLocalEmbedder().embed([text]);
    const [second] = await createLocalEmbedder().embed([text]);

    expect(first).toEqual(second);
  });

  it('returns unit-length vectors, so the dot product is the cosine', async () => {
    const vectors = await createLocalEmbedder().embed(['How do I reset my password?', 'Refund refund refund']);

    for (const vector of vectors) expect(norm(vector)).toBeCloseTo(1, 12);
  });

  it('returns a zero vector for text without content words', async () => {
    const [vector] = await createLocalEmbedder().embed(['  ?! the and of  ']);

    expect(vector?.every((value) => value === 0)).toBe(true);
  });

  it('places a paraphrase sharing words closer to the question than unrelated text', async () => {
    // Prepare
    const embedder = createLocalEmbedder();
    const [question, paraphrase, unrelated] = await embedder.embed([
      'How do I get a refund for a damaged order?',
      'Damaged orders can be refunded: ask for your refund within 30 days.',
      'Our support team is available on weekdays from nine to five.',
    ]);

    // Act
    const near = cosine(question!, paraphrase!);
    const far = cosine(question!, unrelated!);

    // Assess
    expect(near).toBeGreaterThan(0.3);
    expect(near).toBeGreaterThan(far + 0.2);
  });

  it('matches word forms through shared trigrams and stems', async () => {
    const embedder = createLocalEmbedder();
    const [plural, singular, other] = await embedder.embed(['refunds', 'refund', 'password']);

    expect(cosine(plural!, singular!)).toBeGreaterThan(0.8);
    expect(cosine(plural!, other!)).toBeLessThan(0.3);
  });

  it('refuses a dimension count outside 64 to 4096', () => {
    expect(() => createLocalEmbedder({ dimensions: 8 })).toThrow(RangeError);
    expect(() => createLocalEmbedder({ dimensions: 100.5 })).toThrow(/integer from 64 to 4096/);
  });
});
