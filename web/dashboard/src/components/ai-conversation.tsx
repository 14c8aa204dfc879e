/**
 * The AI agent inside a conversation: who handles it (badge), the take-over / return-to-bot
 * buttons, the bot's hand-off summary, an answer being streamed, and each answer's details
 * (model, tier, tokens, cost, latency, routing, tools, the chunks it retrieved with their scores).
 */
import { useState } from 'preact/hooks';
import { streamText, type AnswerStream } from '../../../widget/src/frame/ai-stream.js';
import { formatMs, formatScore, formatTokens, formatUsd, handledByBadge, handoffReasonLabel, tierLabels } from '../lib/ai-format.js';
import { formatClock } from '../lib/relative-time.js';
import type { AiAnswerView, AiSummaryView, HandledBy } from '../types.js';
import { useWorkspace } from '../workspace-context.js';
import { Icon } from './ui.js';
import './ai.css';

/** Bot / Waiting for agent / Human. */
export function HandledByBadge(props: { handledBy: HandledBy | string; compact?: boolean }) {
  const badge = handledByBadge(props.handledBy);
  return (
    <span
      class={`handled-badge handled-${badge.tone} ${props.compact ? 'handled-compact' : ''}`}
      data-testid="handled-by"
      data-handled-by={props.handledBy}
      title={badge.tone === 'waiting' ? 'The assistant handed this conversation over: a person should reply' : `Handled by: ${badge.label}`}
    >
      <Icon name={badge.tone === 'bot' ? 'sparkle' : badge.tone === 'waiting' ? 'hand' : 'user'} size={props.compact ? 11 : 12} />
      {badge.label}
    </span>
  );
}

/** "Take over" while the bot handles (or waits for a person); "Return to bot" while a person does. */
export function HandoffActions(props: { handledBy: HandledBy | string; resolved: boolean; onHandoff: (to: 'human' | 'bot') => void }) {
  const [busy, setBusy] = useState(false);
  const { aiEnabled } = useWorkspace();
  if (props.resolved) return null;
  const run = (to: 'human' | 'bot') => {
    setBusy(true);
    props.onHandoff(to);
    setTimeout(() => setBusy(false), 600);
  };
  if (props.handledBy === 'human') {
    // With the AI agent turned off there is no bot to return to.
    if (aiEnabled === false) return null;
    return (
      <button type="button" class="btn btn-ghost" data-testid="action-return-to-bot" disabled={busy} onClick={() => run('bot')} title="Let the AI assistant answer this conversation again">
        <Icon name="sparkle" size={14} />
        <span class="handoff-label">Return to bot</span>
      </button>
    );
  }
  return (
    <button
      type="button"
      class={`btn ${props.handledBy === 'pending_handoff' ? 'btn-primary' : 'btn-secondary'}`}
      data-testid="action-take-over"
      disabled={busy}
      onClick={() => run('human')}
      title="Stop the AI assistant and answer yourself (t)"
      aria-label="Take over"
    >
      <Icon name="hand" size={14} />
      <span class="handoff-label">Take over</span>
    </button>
  );
}

/** The bot's summary for the agent who picks the conversation up. */
export function AiSummaryPanel(props: { summary: AiSummaryView; handledBy: HandledBy | string; onTakeOver: () => void }) {
  const [open, setOpen] = useState(true);
  const { summary } = props;
  return (
    <section class={`ai-summary ${props.handledBy === 'pending_handoff' ? 'ai-summary-waiting' : ''}`} aria-label="AI summary" data-testid="ai-summary">
      <header class="ai-summary-header">
        <button type="button" class="ai-summary-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          <Icon name="sparkle" size={14} />
          <strong>AI summary</strong>
          <span class="muted small">
            {handoffReasonLabel(summary.reason)} · {formatClock(summary.createdAt)}
          </span>
          <Icon name="chevron" size={14} class={open ? 'chevron-open' : 'chevron-closed'} />
        </button>
        {props.handledBy === 'pending_handoff' ? (
          <button type="button" class="btn btn-primary btn-small" onClick={props.onTakeOver} data-testid="summary-take-over">
            Take over
          </button>
        ) : null}
      </header>
      {open ? <p class="ai-summary-text">{summary.text}</p> : null}
    </section>
  );
}

/** The AI assistant's avatar. */
export function BotAvatar() {
  return (
    <span class="avatar avatar-sm bot-avatar" aria-hidden="true">
      <Icon name="sparkle" size={12} />
    </span>
  );
}

/** An answer the bot is writing right now. */
export function StreamingAnswer(props: { stream: AnswerStream }) {
  return (
    <div class="message message-outgoing message-bot message-streaming" data-testid="streaming-answer" data-message-id={props.stream.messageId} aria-busy="true">
      <span class="message-avatar">
        <BotAvatar />
      </span>
      <div class="bubble-group">
        <div class="message-author">AI assistant · writing…</div>
        <div class="bubble">
          {streamText(props.stream)}
          <span class="stream-caret" aria-hidden="true" />
        </div>
      </div>
    </div>
  );
}

/** The sources and, on demand, the full trace of one bot answer. */
export function AnswerDetails(props: { ai: AiAnswerView; messageId: string }) {
  const [open, setOpen] = useState(false);
  const { ai } = props;
  const trace = ai.trace ?? {};
  const chunks = trace.chunks ?? [];
  const citations = ai.citations ?? [];
  const cited = new Set(citations.map((c) => c.chunkId).filter(Boolean));
  const panelId = `trace-${props.messageId}`;
  return (
    <div class="answer-details" data-testid="answer-details">
      {citations.length > 0 ? (
        <ul class="citation-list" aria-label="Sources">
          {citations.map((citation, index) => (
            <li key={citation.chunkId ?? index} class="citation">
              <Icon name="book" size={11} />
              {citation.url && /^https?:\/\//i.test(citation.url) ? (
                <a href={citation.url} target="_blank" rel="noopener noreferrer">
                  {citation.title}
                </a>
              ) : (
                <span>{citation.title}</span>
              )}
              {citation.heading ? <span class="muted"> · {citation.heading}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <button type="button" class="trace-toggle" aria-expanded={open} aria-controls={panelId} data-testid="trace-toggle" onClick={() => setOpen(!open)}>
        <span class="trace-summary">
          {tierLabels[ai.tier] ?? ai.tier} · {formatTokens(ai.inputTokens + ai.outputTokens)} tokens · {typeof ai.costUsd === 'number' ? formatUsd(ai.costUsd) : '–'} ·{' '}
          {formatMs(ai.latencyMs)}
        </span>
        <span class="trace-toggle-label">{open ? 'Hide trace' : 'Show trace'}</span>
        <Icon name="chevron" size={12} class={open ? 'chevron-open' : 'chevron-closed'} />
      </button>
      {open ? (
        <div class="trace" id={panelId} data-testid="answer-trace">
          <dl class="trace-grid">
            <div>
              <dt>Model</dt>
              <dd title={ai.pricedAs && ai.pricedAs !== ai.modelId ? `Priced as ${ai.pricedAs}` : undefined}>
                <code>{ai.modelId}</code>
              </dd>
            </div>
            <div>
              <dt>Tier</dt>
              <dd>
                <span class={`tier-pill tier-${ai.tier}`}>{tierLabels[ai.tier] ?? ai.tier}</span>
                {typeof trace.complexity === 'number' ? <span class="muted"> complexity {formatScore(trace.complexity)}</span> : null}
              </dd>
            </div>
            <div>
              <dt>Tokens</dt>
              <dd>
                {formatTokens(ai.inputTokens)} in · {formatTokens(ai.outputTokens)} out
              </dd>
            </div>
            <div>
              <dt>Cost</dt>
              <dd>{typeof ai.costUsd === 'number' ? formatUsd(ai.costUsd) : '–'}</dd>
            </div>
            <div>
              <dt>Latency</dt>
              <dd>
                {formatMs(ai.latencyMs)}
                {typeof ai.firstTokenMs === 'number' ? <span class="muted"> · first token {formatMs(ai.firstTokenMs)}</span> : null}
              </dd>
            </div>
            <div>
              <dt>Confidence</dt>
              <dd>{formatScore(trace.confidence)}</dd>
            </div>
            {trace.routingReason ? (
              <div class="trace-wide">
                <dt>Routing</dt>
                <dd>{trace.routingReason}</dd>
              </div>
            ) : null}
            <div class="trace-wide">
              <dt>Tool calls</dt>
              <dd>
                {(trace.toolCalls ?? []).length === 0 ? (
                  <span class="muted">None</span>
                ) : (
                  (trace.toolCalls ?? []).map((call, index) => (
                    <span key={index} class={`tool-call ${call.ok ? 'tool-ok' : 'tool-failed'}`}>
                      <Icon name={call.ok ? 'check' : 'alert'} size={11} />
                      {call.name}
                    </span>
                  ))
                )}
              </dd>
            </div>
          </dl>
          <h5 class="trace-heading">Retrieved chunks ({chunks.length})</h5>
          {chunks.length === 0 ? (
            <p class="muted small">No knowledge was retrieved for this answer.</p>
          ) : (
            <ol class="chunk-list">
              {chunks.map((chunk) => (
                <li key={chunk.chunkId} class={`chunk ${cited.has(chunk.chunkId) ? 'chunk-cited' : ''}`}>
                  <div class="chunk-top">
                    <span class="chunk-title">
                      {chunk.title}
                      {chunk.heading ? <span class="muted"> › {chunk.heading}</span> : null}
                    </span>
                    {cited.has(chunk.chunkId) ? <span class="tag tag-accent">Cited</span> : null}
                    <ScoreBar label="Score" value={chunk.score} strong />
                  </div>
                  <p class="chunk-excerpt">{chunk.excerpt}</p>
                  <div class="chunk-scores">
                    <ScoreBar label="Meaning" value={chunk.semanticScore} />
                    <ScoreBar label="Keywords" value={chunk.keywordScore} />
                  </div>
                </li>
              ))}
            </ol>
          )}
        </div>
      ) : null}
    </div>
  );
}

/** A 0–1 score as a small bar and its value. */
export function ScoreBar(props: { label: string; value: number; strong?: boolean }) {
  const width = Math.max(0, Math.min(1, Number.isFinite(props.value) ? props.value : 0)) * 100;
  return (
    <span class={`score ${props.strong ? 'score-strong' : ''}`} title={`${props.label}: ${formatScore(props.value)}`}>
      <span class="score-label">{props.label}</span>
      <span class="score-track" aria-hidden="true">
        <span class="score-fill" style={{ width: `${width}%` }} />
      </span>
      <span class="score-value">{formatScore(props.value)}</span>
    </span>
  );
}
