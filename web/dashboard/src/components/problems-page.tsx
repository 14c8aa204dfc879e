/**
 * Problems: the questions the assistant could not answer, grouped and ranked by how many
 * customers they affect. For each: sample conversations, an AI-drafted knowledge fix that an
 * agent edits and approves (it becomes a public source), and resolving it with a message to
 * every affected customer.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { navigate, useNow } from '../hooks.js';
import { formatRelativeTime } from '../lib/relative-time.js';
import type { ProblemView } from '../types.js';
import { useWorkspace } from '../workspace-context.js';
import { EmptyState, ErrorLine, Icon, Skeleton, Spinner } from './ui.js';
import './ai-pages.css';

const filters = [
  { value: 'open', label: 'Open' },
  { value: 'fix_drafted', label: 'Fix drafted' },
  { value: 'resolved', label: 'Resolved' },
  { value: '', label: 'All' },
] as const;

const statusLabels: Readonly<Record<string, string>> = { open: 'Open', fix_drafted: 'Fix drafted', resolved: 'Resolved' };

/** The problems screen; `selectedId` comes from `#/problems/<id>`. */
export function ProblemsPage(props: { selectedId?: string | undefined }) {
  const workspace = useWorkspace();
  const [status, setStatus] = useState<string>('open');
  const [problems, setProblems] = useState<ProblemView[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const listRef = useRef<HTMLUListElement>(null);
  const now = useNow();

  const load = () => {
    api.problems(status || undefined).then(
      (answer) => {
        setProblems(answer.problems);
        setError(undefined);
      },
      (caught: unknown) => setError((caught as Error).message),
    );
  };

  useEffect(() => {
    setProblems(undefined);
    load();
  }, [status]);

  useEffect(() => workspace.onReconnect(load), [workspace.onReconnect, status]);

  // A drafted fix announces itself as a notification: refresh the list then.
  useEffect(
    () =>
      workspace.onEvent((_topic, event) => {
        if (event.type === 'notification.created') load();
      }),
    [workspace.onEvent, status],
  );

  const updated = (problem: ProblemView) => {
    setProblems((previous) => previous?.map((item) => (item.id === problem.id ? problem : item)));
  };

  const onListKey = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'j' && event.key !== 'k') return;
    const links = [...(listRef.current?.querySelectorAll<HTMLAnchorElement>('.problem-row') ?? [])];
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = links[Math.max(0, Math.min(links.length - 1, index + (event.key === 'ArrowDown' || event.key === 'j' ? 1 : -1)))];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };

  const selected = problems?.find((problem) => problem.id === props.selectedId);
  return (
    <div class="page page-wide">
      <header class="page-header">
        <div>
          <h1>
            <Icon name="bulb" size={20} />
            Problems
          </h1>
          <p class="muted">Questions the assistant could not answer, most widespread first. Fix the knowledge once; tell everyone affected.</p>
        </div>
        <div class="segmented" role="radiogroup" aria-label="Status">
          {filters.map((filter) => (
            <label key={filter.value} class={`segment ${status === filter.value ? 'segment-on' : ''}`}>
              <input type="radio" name="problem-status" checked={status === filter.value} onChange={() => setStatus(filter.value)} />
              {filter.label}
            </label>
          ))}
        </div>
      </header>
      <ErrorLine message={error} />
      <div class="problems-layout">
        <section class="card card-flush problem-list-card" aria-label="Problems">
          {problems === undefined ? (
            <div class="card-pad">
              <Skeleton width="80%" />
              <Skeleton width="60%" />
              <Skeleton width="70%" />
            </div>
          ) : problems.length === 0 ? (
            <EmptyState icon="bulb" title={status === 'open' ? 'No open problems' : 'Nothing here'}>
              When the assistant cannot answer a question, it hands over and the question is collected here.
            </EmptyState>
          ) : (
            <ul class="problem-list" ref={listRef} onKeyDown={onListKey} data-testid="problem-list">
              {problems.map((problem, index) => (
                <li key={problem.id}>
                  <a
                    href={`#/problems/${problem.id}`}
                    class={`problem-row ${problem.id === props.selectedId ? 'problem-row-open' : ''}`}
                    aria-current={problem.id === props.selectedId ? 'true' : undefined}
                    data-testid="problem-row"
                    data-problem-id={problem.id}
                  >
                    <span class="problem-rank">{index + 1}</span>
                    <span class="problem-text">
                      <span class="problem-question">{problem.question}</span>
                      <span class="muted small">
                        {problem.affectedContacts} {problem.affectedContacts === 1 ? 'customer' : 'customers'} · asked {problem.occurrences}× · last {formatRelativeTime(problem.lastSeenAt, now)}
                      </span>
                    </span>
                    <span class={`problem-status problem-status-${problem.status}`}>{statusLabels[problem.status] ?? problem.status}</span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
        {selected ? (
          <ProblemDetail key={selected.id} problem={selected} onUpdated={updated} />
        ) : props.selectedId && problems !== undefined ? (
          <ProblemLoader id={props.selectedId} onUpdated={updated} />
        ) : (
          <section class="card problem-detail-empty">
            <EmptyState icon="bulb" title="Pick a problem">
              See the customers' own words, draft a knowledge fix with AI, and let them know when it is solved.
            </EmptyState>
          </section>
        )}
      </div>
    </div>
  );
}

/** A problem linked to directly that is not in the current list (another status). */
function ProblemLoader(props: { id: string; onUpdated: (problem: ProblemView) => void }) {
  const [problem, setProblem] = useState<ProblemView | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    api.problem(props.id).then(
      (answer) => setProblem(answer.problem),
      (caught: unknown) => setError(caught instanceof ApiError && (caught.status === 404 || caught.status === 400) ? 'This problem does not exist.' : (caught as Error).message),
    );
  }, [props.id]);
  if (error) {
    return (
      <section class="card problem-detail-empty">
        <EmptyState icon="alert" title="Cannot open this problem">
          {error}
        </EmptyState>
      </section>
    );
  }
  if (!problem) {
    return (
      <section class="card">
        <Skeleton width="70%" height="16px" />
        <Skeleton width="50%" />
      </section>
    );
  }
  return (
    <ProblemDetail
      problem={problem}
      onUpdated={(next) => {
        setProblem(next);
        props.onUpdated(next);
      }}
    />
  );
}

function ProblemDetail(props: { problem: ProblemView; onUpdated: (problem: ProblemView) => void }) {
  const now = useNow();
  const workspace = useWorkspace();
  const isAdmin = workspace.me.agent.role === 'admin';
  const [problem, setProblem] = useState(props.problem);
  const [drafting, setDrafting] = useState(false);
  const [draftError, setDraftError] = useState<string | undefined>();
  const [draftNote, setDraftNote] = useState<{ title: string; body: string } | undefined>();
  const draftingRef = useRef(false);
  draftingRef.current = drafting;
  const [title, setTitle] = useState(props.problem.draft?.title ?? '');
  const [content, setContent] = useState(props.problem.draft?.content ?? '');
  const [approving, setApproving] = useState(false);
  const [approved, setApproved] = useState<string | undefined>();
  const [approveError, setApproveError] = useState<string | undefined>();
  const [message, setMessage] = useState('');
  const [resolving, setResolving] = useState(false);
  const [resolveResult, setResolveResult] = useState<number | undefined>();
  const [resolveError, setResolveError] = useState<string | undefined>();
  const poll = useRef<ReturnType<typeof setTimeout> | undefined>();

  useEffect(() => setProblem(props.problem), [props.problem]);
  useEffect(() => () => clearTimeout(poll.current), []);

  // The drafting job reports through a notification: a draft, or why there is none yet.
  useEffect(
    () =>
      workspace.onEvent((_topic, event) => {
        if (event.type !== 'notification.created' || !draftingRef.current) return;
        const note = event.notification as { kind?: string; title?: string; body?: string; link?: string } | undefined;
        if (!note || note.kind !== 'problem_fix_drafted' || !(note.link ?? '').includes(props.problem.id)) return;
        api.problem(props.problem.id).then(
          ({ problem: next }) => {
            clearTimeout(poll.current);
            setDrafting(false);
            if (next.draft) {
              setTitle(next.draft.title);
              setContent(next.draft.content);
            } else {
              setDraftNote({ title: note.title ?? 'No draft', body: note.body ?? '' });
            }
            apply(next);
          },
          () => undefined,
        );
      }),
    [workspace.onEvent, props.problem.id],
  );

  const apply = (next: ProblemView) => {
    setProblem(next);
    props.onUpdated(next);
    if (next.draft && !title && !content) {
      setTitle(next.draft.title);
      setContent(next.draft.content);
    }
  };

  // The draft is written in the background; ask again until it is there (about a minute at most).
  const waitForDraft = (attempt: number, since: string | undefined) => {
    poll.current = setTimeout(() => {
      api.problem(problem.id).then(
        ({ problem: next }) => {
          if (next.draft && next.draft.createdAt !== since) {
            setDrafting(false);
            setTitle(next.draft.title);
            setContent(next.draft.content);
            apply(next);
          } else if (attempt < 30) waitForDraft(attempt + 1, since);
          else {
            setDrafting(false);
            setDraftError('The draft is taking longer than usual. You will get a notification when it is ready.');
          }
        },
        () => (attempt < 30 ? waitForDraft(attempt + 1, since) : setDrafting(false)),
      );
    }, 2000);
  };

  const draft = async () => {
    setDrafting(true);
    setDraftError(undefined);
    setDraftNote(undefined);
    try {
      const since = problem.draft?.createdAt;
      const answer = (await api.draftProblemFix(problem.id)) as { problem?: ProblemView } | undefined;
      if (answer?.problem) apply(answer.problem);
      waitForDraft(0, since);
    } catch (caught) {
      setDrafting(false);
      setDraftError((caught as Error).message);
    }
  };

  const approve = async (event: Event) => {
    event.preventDefault();
    if (!title.trim() || !content.trim()) {
      setApproveError('The article needs a title and some content.');
      return;
    }
    setApproving(true);
    setApproveError(undefined);
    try {
      const answer = await api.approveProblemFix(problem.id, { title: title.trim(), content: content.trim() });
      apply(answer.problem);
      setApproved(answer.sourceId);
    } catch (caught) {
      setApproveError((caught as Error).message);
    } finally {
      setApproving(false);
    }
  };

  const resolve = async (event: Event) => {
    event.preventDefault();
    setResolving(true);
    setResolveError(undefined);
    try {
      const answer = await api.resolveProblem(problem.id, message.trim() ? { message: message.trim() } : {});
      apply(answer.problem);
      setResolveResult(answer.notified);
    } catch (caught) {
      setResolveError((caught as Error).message);
    } finally {
      setResolving(false);
    }
  };

  const resolved = problem.status === 'resolved';
  return (
    <section class="card problem-detail" aria-labelledby="problem-title" data-testid="problem-detail">
      <header class="problem-detail-header">
        <span class={`problem-status problem-status-${problem.status}`}>{statusLabels[problem.status] ?? problem.status}</span>
        <h2 id="problem-title">“{problem.question}”</h2>
        <div class="problem-stats">
          <span>
            <strong>{problem.affectedContacts}</strong> {problem.affectedContacts === 1 ? 'customer' : 'customers'}
          </span>
          <span>
            <strong>{problem.occurrences}</strong> times asked
          </span>
          <span class="muted">first seen {formatRelativeTime(problem.createdAt, now)}</span>
          <span class="muted">last seen {formatRelativeTime(problem.lastSeenAt, now)}</span>
        </div>
      </header>

      <div class="detail-section">
        <h3>What customers asked</h3>
        <ul class="sample-list">
          {problem.samples.map((sample) => (
            <li key={`${sample.conversationId}-${sample.at}`}>
              <span class="sample-question">“{sample.question}”</span>
              <span class="muted small">
                {formatRelativeTime(sample.at, now)} ·{' '}
                <a href={`#/conversations/${sample.conversationId}`} onClick={(event) => (event.preventDefault(), navigate({ name: 'conversation', id: sample.conversationId }))}>
                  open conversation
                </a>
              </span>
            </li>
          ))}
        </ul>
      </div>

      <div class="detail-section">
        <div class="detail-section-header">
          <h3>Knowledge fix</h3>
          {resolved || !isAdmin ? null : (
            <button type="button" class="btn btn-secondary btn-small" data-testid="problem-draft" disabled={drafting} onClick={() => void draft()}>
              {drafting ? <Spinner /> : <Icon name="sparkle" size={13} />}
              {drafting ? 'Drafting…' : problem.draft ? 'Draft again' : 'Draft with AI'}
            </button>
          )}
        </div>
        <ErrorLine message={draftError} />
        {draftNote ? (
          <p class="callout callout-warning" role="status" data-testid="problem-draft-note">
            <Icon name="alert" size={14} />
            <span>
              <strong>{draftNote.title}.</strong> {draftNote.body}
            </span>
          </p>
        ) : null}
        {isAdmin && !resolved && !problem.draft && !drafting && !title && !content ? (
          <p class="muted small">The assistant reads how your team answered these conversations and writes an article you can edit. Or write it yourself below.</p>
        ) : null}
        {approved ? (
          <p class="callout callout-success" role="status">
            <Icon name="check" size={14} />
            Added to the knowledge base as a public source; it is being indexed. <a href="#/knowledge">See Knowledge</a>
          </p>
        ) : !isAdmin || resolved ? (
          problem.draft ? (
            <div class="draft-preview">
              <strong>{problem.draft.title}</strong>
              <p>{problem.draft.content}</p>
            </div>
          ) : (
            <p class="muted small">
              {resolved ? 'Resolved without a knowledge fix.' : 'No fix drafted yet. An admin can draft one with AI and add it to the knowledge base.'}
            </p>
          )
        ) : (
          <form class="form" onSubmit={(event) => void approve(event)}>
            <label class="field">
              <span class="field-label">Article title</span>
              <input class="input" data-testid="problem-fix-title" maxLength={200} value={title} onInput={(event) => setTitle(event.currentTarget.value)} />
            </label>
            <label class="field">
              <span class="field-label">Article (Markdown)</span>
              <textarea class="input textarea" data-testid="problem-fix-content" rows={8} value={content} onInput={(event) => setContent(event.currentTarget.value)} />
            </label>
            <ErrorLine message={approveError} />
            <div class="row-actions">
              <span class="spacer" />
              <button type="submit" class="btn btn-primary" data-testid="problem-approve" disabled={approving || !title.trim() || !content.trim()}>
                {approving ? <Spinner /> : <Icon name="check" size={14} />}
                Approve and add to knowledge
              </button>
            </div>
          </form>
        )}
      </div>

      <div class="detail-section">
        <h3>Resolve</h3>
        {!isAdmin && !resolved ? (
          <p class="muted small">An admin resolves the problem and tells the affected customers.</p>
        ) : resolved ? (
          <p class="callout callout-success" role="status">
            <Icon name="resolve" size={14} />
            Resolved {problem.resolvedAt ? formatRelativeTime(problem.resolvedAt, now) : ''}
            {resolveResult !== undefined ? ` · ${resolveResult} ${resolveResult === 1 ? 'customer was' : 'customers were'} told` : ''}.
          </p>
        ) : (
          <form class="form" onSubmit={(event) => void resolve(event)}>
            <label class="field">
              <span class="field-label">Message to the affected customers (optional)</span>
              <textarea
                class="input textarea"
                data-testid="problem-resolve-message"
                rows={3}
                maxLength={2000}
                value={message}
                onInput={(event) => setMessage(event.currentTarget.value)}
              />
              <span class="field-hint">
                The assistant tells each of the {problem.affectedContacts} affected {problem.affectedContacts === 1 ? 'customer' : 'customers'} in their latest conversation.
              </span>
            </label>
            <ErrorLine message={resolveError} />
            <div class="row-actions">
              <span class="spacer" />
              <button type="submit" class="btn btn-secondary" data-testid="problem-resolve" disabled={resolving}>
                {resolving ? <Spinner /> : <Icon name="resolve" size={14} />}
                Resolve and notify
              </button>
            </div>
          </form>
        )}
      </div>
    </section>
  );
}
