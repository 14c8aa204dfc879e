import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocuments, loadQuestions } from '../../../eval/corpus.js';
import { chunkMarkdown } from '../../../shared/domain/knowledge-chunking.js';

const evalDir = join(import.meta.dirname, '..', '..', '..', 'eval');

describe('the evaluation data set', () => {
  it('has at least 40 articles with a title and sections, and at least 150 labelled questions', async () => {
    // Act
    const documents = await loadDocuments(join(evalDir, 'knowledge'));
    const questions = await loadQuestions(join(evalDir, 'questions.json'), new Set(documents.map((d) => d.id)));

    // Assess
    expect(documents.length).toBeGreaterThanOrEqual(40);
    for (const document of documents) {
      expect(document.title.length).toBeGreaterThan(0);
      expect(chunkMarkdown(document.markdown).some((chunk) => chunk.heading?.includes(' › '))).toBe(true);
    }
    expect(questions.length).toBeGreaterThanOrEqual(150);
    expect(questions.filter((q) => q.relevant.length === 0).length).toBeGreaterThanOrEqual(20);
    expect(questions.filter((q) => q.kind === 'typo').length).toBeGreaterThanOrEqual(20);
    expect(questions.filter((q) => q.kind === 'multi').length).toBeGreaterThanOrEqual(5);
  });

  it('asks about every article at least once', async () => {
    // Prepare
    const documents = await loadDocuments(join(evalDir, 'knowledge'));
    const questions = await loadQuestions(join(evalDir, 'questions.json'), new Set(documents.map((d) => d.id)));

    // Act
    const asked = new Set(questions.flatMap((q) => q.relevant));

    // Assess
    expect(documents.filter((d) => !asked.has(d.id)).map((d) => d.id)).toEqual([]);
  });
});
