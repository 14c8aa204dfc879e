/**
 * The conversation view's channel parts: delivery ticks, a failed reply's reason with its Retry
 * button, and WhatsApp's 24-hour window (a countdown while open; once closed, a banner and the
 * inbox's approved templates instead of free text).
 */
import { useEffect, useState } from 'preact/hooks';
import { useNow } from '../hooks.js';
import { canRetry, failureReasonOf, readableFailure, tickOf } from '../lib/delivery.js';
import {
  templateKey, templateParameterCount, templatePreview, templateReply, windowCountdown, windowPhase, type ChannelState, type ChannelTemplate,
} from '../lib/whatsapp-window.js';
import type { MessageView } from '../types.js';
import { ErrorLine, Icon, Spinner } from './ui.js';
import './channel-composer.css';

/** The tick of an outgoing message: clock, ✓, ✓✓, blue ✓✓, or an alert. */
export function StatusTicks(props: { status: string }) {
  const tick = tickOf(props.status);
  if (!tick) return null;
  return (
    <span class={`tick tick-${props.status} ${tick.tone === 'read' ? 'tick-read' : tick.tone === 'failed' ? 'tick-failed' : ''}`} data-testid="message-status" data-status={props.status} title={tick.label}>
      <Icon name={tick.icon} size={tick.icon === 'checks' ? 15 : 13} label={tick.label} />
    </span>
  );
}

/** Under a failed reply: the provider's reason and a Retry button (busy while the retry is asked). */
export function FailedDelivery(props: { message: MessageView; retrying: boolean; onRetry: (message: MessageView) => void }) {
  const { message } = props;
  if (message.status !== 'failed') return null;
  const reason = readableFailure(failureReasonOf(message));
  return (
    <div class="delivery-failure" data-testid="message-failure">
      <p class="delivery-failure-text">
        <Icon name="alert" size={12} />
        {reason}
      </p>
      {canRetry(message) ? (
        <button type="button" class="btn btn-secondary btn-small" data-testid="message-retry" disabled={props.retrying} onClick={() => props.onRetry(message)}>
          {props.retrying ? <Spinner /> : <Icon name="reopen" size={12} />}
          Retry
        </button>
      ) : null}
    </div>
  );
}

/** What the composer shows about WhatsApp's window while it is open (nothing unless it closes within the hour). */
export function WindowCountdown(props: { state: ChannelState | undefined }) {
  const now = useNow(30_000);
  const phase = windowPhase(props.state, now);
  if (phase.kind !== 'open' || !phase.closesAt) return null;
  return (
    <span
      class={`window-countdown ${phase.closingSoon ? 'window-closing' : ''}`}
      data-testid="window-countdown"
      title="WhatsApp delivers free-text replies for 24 hours after the customer's last message"
    >
      <Icon name="clock" size={12} />
      <span class="sr-only">WhatsApp 24-hour window: </span>
      {windowCountdown(phase.closesAt, now)}
    </span>
  );
}

/** Whether the composer must send a template now (the window is closed). */
export function useWindowClosed(state: ChannelState | undefined): boolean {
  const now = useNow(30_000);
  return windowPhase(state, now).kind === 'closed';
}

/**
 * Replaces the reply box when WhatsApp's window is closed: the banner, the inbox's approved
 * templates, their parameters and a preview; sends `{ template: { name, language, parameters } }`.
 */
export function TemplateComposer(props: {
  templates: readonly ChannelTemplate[];
  onSend: (body: { body: string; template: { name: string; language: string; parameters: string[] } }) => void;
}) {
  const [key, setKey] = useState(() => (props.templates[0] ? templateKey(props.templates[0]) : ''));
  const [parameters, setParameters] = useState<string[]>([]);
  const [error, setError] = useState<string | undefined>();
  const template = props.templates.find((item) => templateKey(item) === key);
  const declared = template ? templateParameterCount(template) : 0;
  const freeForm = template !== undefined && template.body === undefined && template.parameterCount === undefined;
  const shown = Math.max(declared, freeForm ? parameters.length : 0);

  useEffect(() => {
    if (!template && props.templates[0]) setKey(templateKey(props.templates[0]));
  }, [props.templates]);

  const submit = () => {
    if (!template) return;
    const answer = templateReply(template, parameters.slice(0, shown));
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setError(undefined);
    props.onSend(answer.body);
    setParameters([]);
  };

  return (
    <div class="template-composer" data-testid="window-closed">
      <p class="window-banner" role="status">
        <Icon name="clock" size={14} />
        <span>
          <strong>The 24-hour window has closed; send an approved template.</strong>
          <span class="muted small"> WhatsApp delivers free text again once the customer writes.</span>
        </span>
      </p>
      {props.templates.length === 0 ? (
        <p class="muted small" data-testid="template-none">
          This inbox has no approved templates yet. An admin can add them in Settings › Inboxes.
        </p>
      ) : (
        <div class="template-form">
          <label class="field template-choice">
            <span class="field-label">Template</span>
            <select
              class="input"
              data-testid="template-picker"
              value={key}
              onChange={(event) => {
                setKey(event.currentTarget.value);
                setParameters([]);
                setError(undefined);
              }}
            >
              {props.templates.map((item) => (
                <option key={templateKey(item)} value={templateKey(item)}>
                  {item.name} · {item.language}
                </option>
              ))}
            </select>
          </label>
          {Array.from({ length: shown }, (_, index) => (
            <label class="field template-parameter" key={`${key}-${index}`}>
              <span class="field-label">{`{{${index + 1}}}`}</span>
              <input
                class="input"
                data-testid="template-parameter"
                value={parameters[index] ?? ''}
                maxLength={1024}
                onInput={(event) => {
                  const next = [...parameters];
                  next[index] = event.currentTarget.value;
                  setParameters(next);
                }}
              />
            </label>
          ))}
          {freeForm && shown < 10 ? (
            <button type="button" class="link small template-add-parameter" onClick={() => setParameters([...parameters.slice(0, shown), ''])}>
              + Parameter
            </button>
          ) : null}
          <button type="button" class="btn btn-primary template-send" data-testid="template-send" disabled={!template} onClick={submit}>
            <Icon name="send" size={14} />
            Send template
          </button>
        </div>
      )}
      {template?.body ? (
        <p class="template-preview" data-testid="template-preview">
          {templatePreview(template, parameters)}
        </p>
      ) : null}
      <ErrorLine message={error} />
    </div>
  );
}
