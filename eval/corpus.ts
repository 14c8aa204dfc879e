/**
 * The evaluation set — layer: eval (reads `eval/knowledge/*.md` and `eval/questions.json`).
 *
 * The knowledge base is a fictional outdoor store's help centre (Northwind Outfitters): one
 * Markdown file per article, its id the file name without `.md`, its title the first `#` heading.
 * The questions are what customers type into the chat — paraphrases, typos, several questions in
 * one message, and questions the help centre does not answer — each labelled with the ids of the
 * articles that answer it (`[]`: none does, the bot should hand over).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';

/** How a question relates to the articles' wording, for the per-kind breakdown. */
export const questionKinds = ['direct', 'paraphrase', 'typo', 'multi', 'none'] as const;
export type QuestionKind = (typeof questionKinds)[number];

/** One article of the knowledge base. */
export interface EvalDocument {
  readonly id: string;
  readonly title: string;
  readonly markdown: string;
}

const EvalQuestionSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(questionKinds),
  question: z.string().min(1).max(2_000),
  relevant: z.array(z.string().min(1)),
});

/** One labelled question. */
export type EvalQuestion = z.infer<typeof EvalQuestionSchema>;

/** Raised when the data set is malformed (unknown article, duplicate id, kind/label mismatch). */
export class EvalDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvalDataError';
  }
}

/** The first level-1 heading of an article, its title. */
function titleOf(id: string, markdown: string): string {
  const match = /^#\s+(.+?)\s*#*\s*$/m.exec(markdown);
  if (!match) throw new EvalDataError(`eval/knowledge/${id}.md has no "# Title" heading`);
  return match[1]!;
}

/** Reads every article, sorted by id so runs are reproducible. */
export async function loadDocuments(directory: string): Promise<EvalDocument[]> {
  const files = (await readdir(directory)).filter((name) => name.endsWith('.md')).sort();
  return Promise.all(files.map(async (file) => {
    const id = file.slice(0, -'.md'.length);
    const markdown = await readFile(join(directory, file), 'utf8');
    return { id, title: titleOf(id, markdown), markdown };
  }));
}

/**
 * Reads and checks the questions: ids unique, every label an existing article, `none` exactly
 * for the questions without relevant articles.
 */
export async function loadQuestions(file: string, documentIds: ReadonlySet<string>): Promise<EvalQuestion[]> {
  const parsed = z.array(EvalQuestionSchema).safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new EvalDataError(`${file}: ${z.prettifyError(parsed.error)}`);
  const seen = new Set<string>();
  for (const question of parsed.data) {
    if (seen.has(question.id)) throw new EvalDataError(`${file}: duplicate question id ${question.id}`);
    seen.add(question.id);
    const unknown = question.relevant.filter((id) => !documentIds.has(id));
    if (unknown.length > 0) throw new EvalDataError(`${file}: ${question.id} names unknown articles: ${unknown.join(', ')}`);
    if ((question.kind === 'none') !== (question.relevant.length === 0)) {
      throw new EvalDataError(`${file}: ${question.id} must be kind "none" exactly when it has no relevant articles`);
    }
  }
  return parsed.data;
}
