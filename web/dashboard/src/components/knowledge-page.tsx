/**
 * The knowledge base the assistant answers from: the sources (live indexing status and
 * progress), adding text / Markdown / HTML / FAQ / PDF, replacing, re-indexing and deleting
 * one, and a test search that shows what the assistant would find, with its scores.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { useNow } from '../hooks.js';
import { formatBytes, formatScore, parseFaq } from '../lib/ai-format.js';
import { upsertSource } from '../lib/ai-lists.js';
import { formatRelativeTime } from '../lib/relative-time.js';
import type { KnowledgeKind, KnowledgeSearchView, KnowledgeSourceBody, KnowledgeSourceView } from '../types.js';
import { useWorkspace } from '../workspace-context.js';
import { ScoreBar } from './ai-conversation.js';
import { EmptyState, ErrorLine, Icon, Skeleton, Spinner } from './ui.js';
import './ai-pages.css';

const kinds: readonly { value: KnowledgeKind; label: string; help: string }[] = [
  { value: 'markdown', label: 'Markdown', help: 'Headings (#, ##) become sections the assistant can cite.' },
  { value: 'text', label: 'Text', help: 'Plain text; paragraphs are kept together.' },
  { value: 'html', label: 'HTML', help: 'A web page: scripts, styles and navigation are dropped; h1–h6 become sections.' },
  { value: 'faq', label: 'FAQ', help: 'Questions and answers, one entry each.' },
  { value: 'pdf', label: 'PDF', help: 'A PDF document up to 5 MB; each page is indexed.' },
];

const kindLabels: Readonly<Record<string, string>> = Object.fromEntries(kinds.map((kind) => [kind.value, kind.label]));
const kindBadges: Readonly<Record<string, string>> = { markdown: 'MD', text: 'TXT', html: 'HTML', faq: 'FAQ', pdf: 'PDF' };
const statusLabels: Readonly<Record<string, string>> = { queued: 'Queued', indexing: 'Indexing', ready: 'Ready', failed: 'Failed' };
const maxContentChars = 1_000_000;
const maxPdfBytes = 5 * 1024 * 1024;

async function fileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

/** The knowledge screen. */
export function KnowledgePage() {
  const workspace = useWorkspace();
  const isAdmin = workspace.me.agent.role === 'admin';
  const [sources, setSources] = useState<KnowledgeSourceView[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [editor, setEditor] = useState<{ source?: KnowledgeSourceView } | undefined>();

  const load = () => {
    api.knowledgeSources().then(
      (answer) => {
        setSources(answer.sources);
        setError(undefined);
      },
      (caught: unknown) => setError((caught as Error).message),
    );
  };

  useEffect(() => {
    load();
    const offEvent = workspace.onEvent((_topic, event) => {
      if (event.type === 'knowledge.source.deleted' && typeof event.sourceId === 'string') {
        const gone = event.sourceId;
        setSources((previous) => previous?.filter((item) => item.id !== gone));
        return;
      }
      if (event.type !== 'knowledge.source' || typeof event.source !== 'object' || event.source === null) return;
      const source = event.source as KnowledgeSourceView;
      setSources((previous) => (previous ? upsertSource(previous, source) : previous));
    });
    const offReconnect = workspace.onReconnect(load);
    return () => {
      offEvent();
      offReconnect();
    };
  }, [workspace.onEvent, workspace.onReconnect]);

  const saved = (source: KnowledgeSourceView) => {
    setSources((previous) => upsertSource(previous ?? [], source));
    setEditor(undefined);
  };

  const counts = (sources ?? []).reduce(
    (sum, source) => ({ chunks: sum.chunks + (source.status === 'ready' ? source.chunkCount : 0), ready: sum.ready + (source.status === 'ready' ? 1 : 0) }),
    { chunks: 0, ready: 0 },
  );

  return (
    <div class="page page-wide">
      <header class="page-header">
        <div>
          <h1>
            <Icon name="book" size={20} />
            Knowledge
          </h1>
          <p class="muted">
            What the assistant may quote. Public sources can be cited to customers; internal ones help your team only.
            {sources ? ` ${counts.ready} of ${sources.length} ready · ${counts.chunks.toLocaleString('en-US')} passages.` : ''}
          </p>
        </div>
        {editor || !isAdmin ? null : (
          <button type="button" class="btn btn-primary" data-testid="knowledge-add" onClick={() => setEditor({})}>
            <Icon name="plus" size={14} />
            Add source
          </button>
        )}
      </header>
      {editor ? <SourceEditor source={editor.source} onSaved={saved} onCancel={() => setEditor(undefined)} /> : null}
      <ErrorLine message={error} />
      <section class="card card-flush" aria-label="Sources">
        {sources === undefined ? (
          <div class="card-pad">
            <Skeleton width="60%" height="14px" />
            <Skeleton width="85%" />
            <Skeleton width="70%" />
          </div>
        ) : sources.length === 0 ? (
          <EmptyState icon="book" title="No knowledge yet">
            Add your help articles, policies or FAQ. The assistant answers only from what is here, and hands over to your team when it finds nothing.
          </EmptyState>
        ) : (
          <ul class="source-list" data-testid="knowledge-sources">
            {sources.map((source) => (
              <SourceRow key={source.id} source={source} canEdit={isAdmin} onChanged={saved} onRemoved={(id) => setSources((previous) => previous?.filter((item) => item.id !== id))} onReplace={() => setEditor({ source })} />
            ))}
          </ul>
        )}
      </section>
      <TestSearch />
    </div>
  );
}

function SourceRow(props: { source: KnowledgeSourceView; canEdit: boolean; onChanged: (source: KnowledgeSourceView) => void; onRemoved: (id: string) => void; onReplace: () => void }) {
  const now = useNow();
  const { source } = props;
  const [busy, setBusy] = useState<'reindex' | 'delete' | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const progress = source.progress && source.progress.total > 0 ? Math.min(1, source.progress.done / source.progress.total) : undefined;

  const reindex = async () => {
    setBusy('reindex');
    setError(undefined);
    try {
      props.onChanged((await api.reindexKnowledgeSource(source.id)).source);
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(undefined);
    }
  };

  const remove = async () => {
    setBusy('delete');
    setError(undefined);
    try {
      await api.deleteKnowledgeSource(source.id);
      props.onRemoved(source.id);
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 404) props.onRemoved(source.id);
      else setError((caught as Error).message);
      setBusy(undefined);
    }
  };

  return (
    <li class="source-row" data-testid="knowledge-source" data-source-id={source.id} data-status={source.status}>
      <span class={`source-kind source-kind-${source.kind}`} aria-hidden="true">
        {kindBadges[source.kind] ?? source.kind.slice(0, 4)}
      </span>
      <div class="source-main">
        <div class="source-title-line">
          <span class="source-title">{source.title}</span>
          <span class={`badge ${source.visibility === 'public' ? 'badge-public' : 'badge-muted'}`} title={source.visibility === 'public' ? 'May be cited to customers' : 'For your team only; never shown to customers'}>
            {source.visibility === 'public' ? 'Public' : 'Internal'}
          </span>
        </div>
        <div class="source-meta muted small">
          {kindLabels[source.kind] ?? source.kind} · {formatBytes(source.sizeBytes)} · version {source.version}
          {source.status === 'ready' ? ` · ${source.chunkCount} passages` : ''} · updated {formatRelativeTime(source.updatedAt, now)}
          {source.url ? (
            <>
              {' · '}
              <a href={/^https?:\/\//i.test(source.url) ? source.url : undefined} target="_blank" rel="noopener noreferrer">
                link
              </a>
            </>
          ) : null}
        </div>
        {source.status === 'failed' && source.error ? (
          <p class="source-error">
            <Icon name="alert" size={13} />
            {source.error}
          </p>
        ) : null}
        <ErrorLine message={error} />
      </div>
      <div class="source-status">
        <span class={`status-chip status-chip-${source.status}`} data-testid="knowledge-status">
          {source.status === 'indexing' || source.status === 'queued' ? <span class="spinner spinner-sm" aria-hidden="true" /> : null}
          {statusLabels[source.status] ?? source.status}
          {source.status === 'indexing' && source.progress ? ` ${source.progress.done}/${source.progress.total}` : ''}
        </span>
        {source.status === 'indexing' && progress !== undefined ? (
          <span class="progress" role="progressbar" aria-label={`Indexing ${source.title}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress * 100)}>
            <span style={{ width: `${progress * 100}%` }} />
          </span>
        ) : null}
      </div>
      <div class="source-actions">
        {!props.canEdit ? null : confirming ? (
          <>
            <span class="small">Delete for good?</span>
            <button type="button" class="btn btn-danger btn-small" data-testid="knowledge-delete-confirm" disabled={busy === 'delete'} onClick={() => void remove()}>
              {busy === 'delete' ? <Spinner /> : null}
              Delete
            </button>
            <button type="button" class="btn btn-ghost btn-small" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <>
            <button type="button" class="icon-button" aria-label={`Re-index ${source.title}`} title="Re-index" data-testid="knowledge-reindex" disabled={Boolean(busy)} onClick={() => void reindex()}>
              {busy === 'reindex' ? <Spinner /> : <Icon name="refresh" size={15} />}
            </button>
            <button type="button" class="icon-button" aria-label={`Replace the content of ${source.title}`} title="Replace content" onClick={props.onReplace}>
              <Icon name="edit" size={15} />
            </button>
            <button type="button" class="icon-button" aria-label={`Delete ${source.title}`} title="Delete" data-testid="knowledge-delete" onClick={() => setConfirming(true)}>
              <Icon name="trash" size={15} />
            </button>
          </>
        )}
      </div>
    </li>
  );
}

/** Adds a source, or replaces the content of one (a new version, indexed again). */
function SourceEditor(props: { source?: KnowledgeSourceView | undefined; onSaved: (source: KnowledgeSourceView) => void; onCancel: () => void }) {
  const existing = props.source;
  const [kind, setKind] = useState<KnowledgeKind>(existing?.kind ?? 'markdown');
  const [title, setTitle] = useState(existing?.title ?? '');
  const [visibility, setVisibility] = useState<'public' | 'internal'>(existing?.visibility ?? 'public');
  const [url, setUrl] = useState(existing?.url ?? '');
  const [content, setContent] = useState('');
  const [pdf, setPdf] = useState<File | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [dragging, setDragging] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    titleRef.current?.focus();
  }, []);

  const pickFile = async (file: File | undefined) => {
    if (!file) return;
    setError(undefined);
    const name = file.name.toLowerCase();
    if (kind === 'pdf' || name.endsWith('.pdf') || file.type === 'application/pdf') {
      if (file.size > maxPdfBytes) {
        setError(`${file.name} is ${formatBytes(file.size)}; a PDF can be at most 5 MB.`);
        return;
      }
      setKind('pdf');
      setPdf(file);
    } else {
      const text = await file.text();
      if (name.endsWith('.md') || name.endsWith('.markdown')) setKind('markdown');
      else if (name.endsWith('.html') || name.endsWith('.htm')) setKind('html');
      else if (kind !== 'faq') setKind('text');
      setContent(text);
    }
    if (!title.trim()) setTitle(file.name.replace(/\.[^.]+$/, '').replace(/[-_]+/g, ' ').slice(0, 200));
  };

  const submit = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(undefined);
    const cleanTitle = title.trim();
    if (!cleanTitle || cleanTitle.length > 200) {
      setError('Give the source a title of 1 to 200 characters.');
      return;
    }
    const cleanUrl = url.trim();
    if (cleanUrl && !/^https?:\/\/\S+$/i.test(cleanUrl)) {
      setError('The link must start with http:// or https://.');
      return;
    }
    let body: KnowledgeSourceBody = { kind, title: cleanTitle, visibility, ...(cleanUrl ? { url: cleanUrl } : {}) };
    if (kind === 'faq') {
      const faq = parseFaq(content);
      if (faq.error) {
        setError(faq.error);
        return;
      }
      body = { ...body, faq: faq.entries };
    } else if (kind === 'pdf') {
      if (!pdf) {
        setError('Choose a PDF file.');
        return;
      }
      const base64 = await fileBase64(pdf);
      if (!atob(base64.slice(0, 8)).startsWith('%PDF')) {
        setError(`${pdf.name} is not a PDF.`);
        return;
      }
      body = { ...body, contentBase64: base64 };
    } else {
      if (!content.trim()) {
        setError('Paste the content, or choose a file.');
        return;
      }
      if (content.length > maxContentChars) {
        setError(`The content is ${content.length.toLocaleString('en-US')} characters; the limit is 1,000,000.`);
        return;
      }
      body = { ...body, content };
    }
    setSaving(true);
    try {
      const answer = existing ? await api.updateKnowledgeSource(existing.id, body) : await api.createKnowledgeSource(body);
      props.onSaved(answer.source);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The source could not be saved.');
    } finally {
      setSaving(false);
    }
  };

  const help = kinds.find((item) => item.value === kind)?.help;
  return (
    <section
      class={`card ${dragging ? 'card-dragging' : ''}`}
      aria-labelledby="editor-title"
      onDragOver={(event) => {
        if (!event.dataTransfer?.types.includes('Files')) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!(event.currentTarget as HTMLElement).contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        void pickFile(event.dataTransfer?.files[0]);
      }}
    >
      <header class="card-header">
        <h2 id="editor-title">{existing ? `Replace “${existing.title}”` : 'Add a source'}</h2>
        <button type="button" class="icon-button" aria-label="Close" onClick={props.onCancel}>
          <Icon name="close" size={16} />
        </button>
      </header>
      <form
        class="form"
        data-testid="knowledge-form"
        onSubmit={(event) => void submit(event)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') props.onCancel();
        }}
      >
        <div class="segmented" role="radiogroup" aria-label="Kind of source">
          {kinds.map((item) => (
            <label key={item.value} class={`segment ${kind === item.value ? 'segment-on' : ''}`}>
              <input type="radio" name="kind" value={item.value} checked={kind === item.value} onChange={() => setKind(item.value)} />
              {item.label}
            </label>
          ))}
        </div>
        <p class="muted small">{help}</p>
        <div class="form-grid">
          <label class="field">
            <span class="field-label">Title</span>
            <input ref={titleRef} class="input" data-testid="knowledge-title" maxLength={200} value={title} onInput={(event) => setTitle(event.currentTarget.value)} />
          </label>
          <label class="field">
            <span class="field-label">Visibility</span>
            <select class="input" value={visibility} onChange={(event) => setVisibility(event.currentTarget.value as 'public' | 'internal')}>
              <option value="public">Public — may be cited to customers</option>
              <option value="internal">Internal — your team only</option>
            </select>
          </label>
          <label class="field">
            <span class="field-label">Link (optional)</span>
            <Hinted hint="https://help.example.com/returns" empty={!url}>
              <input class="input" type="url" value={url} onInput={(event) => setUrl(event.currentTarget.value)} />
            </Hinted>
          </label>
        </div>
        {kind === 'pdf' ? (
          <div class="drop-zone">
            <Icon name="upload" size={18} />
            <span>{pdf ? `${pdf.name} · ${formatBytes(pdf.size)}` : 'Drop a PDF here, or choose one (up to 5 MB)'}</span>
            <button type="button" class="btn btn-secondary btn-small" onClick={() => fileRef.current?.click()}>
              {pdf ? 'Choose another' : 'Choose file'}
            </button>
          </div>
        ) : (
          <label class="field">
            <span class="field-label">
              {kind === 'faq' ? 'Questions and answers' : 'Content'}
              <button type="button" class="link small field-side" onClick={() => fileRef.current?.click()}>
                or load a file (or drop one here)
              </button>
            </span>
            <Hinted
              hint={kind === 'faq' ? 'Q: How long do refunds take?\nA: 5–7 business days after we receive the item.\n\nQ: Do you ship abroad?\nA: Yes, to 30 countries.' : kind === 'html' ? '<h1>Returns</h1>\n<p>You can return any item within 30 days…</p>' : '# Returns\n\nYou can return any item within 30 days…'}
              empty={!content}
            >
              <textarea class="input textarea" data-testid="knowledge-content" rows={kind === 'faq' ? 8 : 10} value={content} onInput={(event) => setContent(event.currentTarget.value)} />
            </Hinted>
            <span class="field-hint">
              {kind === 'faq'
                ? `${parseFaq(content).entries.length} entries · one “Q:” line and one “A:” line per entry, blank line between entries.`
                : `${content.length.toLocaleString('en-US')} / 1,000,000 characters`}
            </span>
          </label>
        )}
        <input
          ref={fileRef}
          type="file"
          class="sr-only"
          tabIndex={-1}
          accept={kind === 'pdf' ? 'application/pdf,.pdf' : '.md,.markdown,.txt,.html,.htm,.pdf,text/*,application/pdf'}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            void pickFile(file);
          }}
        />
        <ErrorLine message={error} />
        <div class="row-actions">
          <span class="spacer" />
          <button type="button" class="btn btn-ghost" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="submit" class="btn btn-primary" data-testid="knowledge-save" disabled={saving}>
            {saving ? <Spinner /> : null}
            {existing ? 'Save and re-index' : 'Add and index'}
          </button>
        </div>
      </form>
    </section>
  );
}

/** A field with an example shown inside it while it is empty (not read out: the label says what to type). */
function Hinted(props: { hint: string; empty: boolean; grow?: boolean; children: JSX.Element }) {
  return (
    <span class={`hinted ${props.grow ? 'hinted-grow' : ''}`}>
      {props.children}
      {props.empty ? (
        <span class="hinted-text" aria-hidden="true">
          {props.hint}
        </span>
      ) : null}
    </span>
  );
}

/** Asks the knowledge base a question and shows the passages found with their scores. */
function TestSearch() {
  const [query, setQuery] = useState('');
  const [visibility, setVisibility] = useState<'public' | 'any'>('public');
  const [result, setResult] = useState<KnowledgeSearchView | undefined>();
  const [searched, setSearched] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const search = async (event: Event) => {
    event.preventDefault();
    const q = query.trim();
    if (!q) return;
    setBusy(true);
    setError(undefined);
    try {
      setResult(await api.searchKnowledge(q, visibility));
      setSearched(q);
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="search-title">
      <header class="card-header">
        <h2 id="search-title">
          <Icon name="search" size={16} />
          Test a question
        </h2>
        <span class="muted small">See what the assistant would find, before a customer asks.</span>
      </header>
      <form class="search-row" onSubmit={(event) => void search(event)}>
        <Hinted hint="e.g. How do I return a gift?" empty={!query} grow>
          <input class="input" data-testid="knowledge-search-input" aria-label="Question" maxLength={500} value={query} onInput={(event) => setQuery(event.currentTarget.value)} />
        </Hinted>
        <select class="input input-auto" aria-label="Search in" value={visibility} onChange={(event) => setVisibility(event.currentTarget.value as 'public' | 'any')}>
          <option value="public">Public sources (what customers get)</option>
          <option value="any">All sources</option>
        </select>
        <button type="submit" class="btn btn-primary" data-testid="knowledge-search" disabled={busy || !query.trim()}>
          {busy ? <Spinner /> : <Icon name="search" size={14} />}
          Search
        </button>
      </form>
      <ErrorLine message={error} />
      {result ? (
        <div class="search-result" data-testid="knowledge-search-result">
          <div class="search-verdict">
            <span class={`badge ${result.answerable ? 'badge-success' : 'badge-warn'}`} data-testid="knowledge-answerable">
              {result.answerable ? 'Answerable' : 'Would hand over'}
            </span>
            <span class="muted small">
              Confidence {formatScore(result.confidence)} for “{searched}” · {result.hits.length} passages
            </span>
          </div>
          {result.hits.length === 0 ? (
            <p class="muted">Nothing matched. Add a source that answers it — or check the Problems page for questions like it.</p>
          ) : (
            <ol class="chunk-list">
              {result.hits.map((hit) => (
                <li key={hit.chunkId} class="chunk" data-testid="knowledge-hit">
                  <div class="chunk-top">
                    <span class="chunk-title">
                      {hit.title}
                      {hit.heading ? <span class="muted"> › {hit.heading}</span> : null}
                    </span>
                    <ScoreBar label="Score" value={hit.score} strong />
                  </div>
                  <p class="chunk-excerpt">{hit.text.length > 600 ? `${hit.text.slice(0, 600)}…` : hit.text}</p>
                  <div class="chunk-scores">
                    <ScoreBar label="Meaning" value={hit.semanticScore} />
                    <ScoreBar label="Keywords" value={hit.keywordScore} />
                  </div>
                </li>
              ))}
            </ol>
          )}
        </div>
      ) : null}
    </section>
  );
}
