/**
 * Settings › Chat widget (admins): the embed snippet, the widget secret for signed-in users
 * (hidden until revealed; rotate), and what the chat window shows — greeting, offline message,
 * reply time, service hours in a time zone, and the sites it may run on.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import {
  changesFromForm, formFieldOf, formFromSetup, formWeekdays, rangeField, serverExample, textLimits, validateWidgetForm,
  verifiedSnippet, type FormErrors, type FormRange, type WidgetForm,
} from '../lib/widget-settings-form.js';
import type { InboxView, WidgetSetup } from '../types.js';
import { Icon, Skeleton, Spinner, Switch } from './ui.js';
import './widget-settings.css';

function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Something went wrong. Please try again.';
}

const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Every IANA zone the browser knows (for the time-zone suggestions). */
function timeZones(): readonly string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
}

/** A button that copies `text` and says so for two seconds. */
function CopyButton(props: { text: string; label?: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      class="btn btn-secondary btn-small"
      data-testid={props.testId}
      onClick={() => {
        navigator.clipboard.writeText(props.text).then(() => setCopied(true), () => {});
        setTimeout(() => setCopied(false), 2000);
      }}
    >
      <Icon name={copied ? 'check' : 'copy'} size={13} />
      {copied ? 'Copied' : (props.label ?? 'Copy')}
    </button>
  );
}

/** An inline error under a field. */
function FieldError(props: { message?: string | undefined; id?: string }) {
  if (!props.message) return null;
  return (
    <span class="field-error" role="alert" id={props.id}>
      {props.message}
    </span>
  );
}

/** The "Chat widget" card of the settings screen (render it for admins only). */
export function WidgetSettingsCard() {
  const [inboxes, setInboxes] = useState<InboxView[] | undefined>();
  const [inboxId, setInboxId] = useState<string | undefined>();
  const [setup, setSetup] = useState<WidgetSetup | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();

  useEffect(() => {
    api.inboxes().then((answer) => {
      const web = answer.items.filter((inbox) => inbox.channel === 'web');
      setInboxes(web);
      setInboxId(web[0]?.id);
    }, (caught: unknown) => setLoadError(messageOf(caught)));
  }, []);

  useEffect(() => {
    if (!inboxId) return;
    setSetup(undefined);
    setLoadError(undefined);
    api.widgetSetup(inboxId).then(setSetup, (caught: unknown) => setLoadError(messageOf(caught)));
  }, [inboxId]);

  return (
    <section class="card" aria-labelledby="widget-title" data-testid="widget-settings">
      <header class="card-header">
        <h2 id="widget-title">
          <Icon name="globe" size={16} />
          Chat widget
        </h2>
        {inboxes && inboxes.length > 1 ? (
          <select class="input input-small" aria-label="Web inbox" data-testid="widget-inbox" value={inboxId} onChange={(event) => setInboxId(event.currentTarget.value)}>
            {inboxes.map((inbox) => (
              <option key={inbox.id} value={inbox.id}>
                {inbox.name}
              </option>
            ))}
          </select>
        ) : (
          <span class="muted small">{setup?.inboxName}</span>
        )}
      </header>
      {loadError ? (
        <p class="error-line" role="alert">
          <Icon name="alert" size={14} />
          {loadError}
        </p>
      ) : inboxes && inboxes.length === 0 ? (
        <p class="muted">This account has no web chat inbox.</p>
      ) : setup ? (
        <WidgetSetupPanel key={setup.inboxId} setup={setup} onChanged={setSetup} />
      ) : (
        <div class="widget-loading">
          <Skeleton width="60%" height="14px" />
          <Skeleton width="90%" height="40px" />
        </div>
      )}
    </section>
  );
}

function WidgetSetupPanel(props: { setup: WidgetSetup; onChanged: (setup: WidgetSetup) => void }) {
  return (
    <div class="widget-panel">
      <EmbedSection setup={props.setup} />
      <SecretSection setup={props.setup} onChanged={props.onChanged} />
      <AppearanceForm setup={props.setup} onChanged={props.onChanged} />
    </div>
  );
}

function EmbedSection(props: { setup: WidgetSetup }) {
  return (
    <div class="widget-section">
      <div class="widget-section-head">
        <h3>Add it to your site</h3>
        <CopyButton text={props.setup.embedSnippet} testId="widget-snippet-copy" />
      </div>
      <p class="muted small">Paste this tag into every page where the chat should appear, just before <code>&lt;/body&gt;</code>.</p>
      <pre class="code-block" data-testid="widget-snippet">
        <code>{props.setup.embedSnippet}</code>
      </pre>
    </div>
  );
}

function SecretSection(props: { setup: WidgetSetup; onChanged: (setup: WidgetSetup) => void }) {
  const [revealed, setRevealed] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [rotated, setRotated] = useState(false);
  const secret = props.setup.widgetSecret;

  const rotate = async () => {
    setBusy(true);
    setError(undefined);
    try {
      props.onChanged(await api.rotateWidgetSecret(props.setup.inboxId));
      setConfirming(false);
      setRevealed(true);
      setRotated(true);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="widget-section">
      <div class="widget-section-head">
        <h3>Signed-in users</h3>
      </div>
      <p class="muted small">
        To show your customers as verified, your server signs each user's id with this secret and the page passes the
        signature to the widget. Keep the secret on your server; never put it in a page.
      </p>
      <div class="secret-row">
        <code class={`secret-value ${revealed ? '' : 'secret-hidden'}`} data-testid="widget-secret" aria-label={revealed ? 'Widget secret' : 'Widget secret (hidden)'}>
          {revealed ? secret : '•'.repeat(Math.min(36, secret.length))}
        </code>
        <button type="button" class="btn btn-secondary btn-small" data-testid="widget-secret-reveal" aria-pressed={revealed} onClick={() => setRevealed(!revealed)}>
          {revealed ? 'Hide' : 'Reveal'}
        </button>
        <CopyButton text={secret} testId="widget-secret-copy" />
        <button type="button" class="btn btn-ghost btn-small" data-testid="widget-rotate" onClick={() => setConfirming(true)} disabled={confirming || busy}>
          <Icon name="reopen" size={13} />
          Rotate
        </button>
      </div>
      {confirming ? (
        <div class="callout callout-warning widget-rotate-confirm" role="alertdialog" aria-label="Rotate the widget secret">
          <Icon name="alert" size={14} />
          <span class="widget-rotate-text">
            Signatures made with the current secret stop working at once: signed-in visitors are refused until your server
            uses the new secret.
          </span>
          <span class="row-actions">
            <button type="button" class="btn btn-danger btn-small" data-testid="widget-rotate-confirm" onClick={() => void rotate()} disabled={busy}>
              {busy ? <Spinner /> : null}
              Rotate now
            </button>
            <button type="button" class="btn btn-ghost btn-small" onClick={() => setConfirming(false)} disabled={busy}>
              Cancel
            </button>
          </span>
        </div>
      ) : null}
      {rotated && !confirming ? <p class="notice widget-notice" data-testid="widget-rotated">New secret in place. Update it on your server now.</p> : null}
      {error ? (
        <p class="error-line" role="alert">
          <Icon name="alert" size={14} />
          {error}
        </p>
      ) : null}
      <details class="widget-example">
        <summary>How your server signs a user (Node.js)</summary>
        <pre class="code-block">
          <code>{serverExample()}</code>
        </pre>
        <p class="muted small">Then add the user to the tag:</p>
        <pre class="code-block">
          <code>{verifiedSnippet(props.setup.embedSnippet)}</code>
        </pre>
      </details>
    </div>
  );
}

function AppearanceForm(props: { setup: WidgetSetup; onChanged: (setup: WidgetSetup) => void }) {
  const initial = useMemo(() => formFromSetup(props.setup, browserTimeZone()), [props.setup.inboxId]);
  const [saved, setSaved] = useState<WidgetForm>(initial);
  const [form, setForm] = useState<WidgetForm>(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [savedAt, setSavedAt] = useState<number | undefined>();
  const zones = useMemo(timeZones, []);
  const dirty = JSON.stringify(form) !== JSON.stringify(saved);

  const edit = (patch: Partial<WidgetForm>) => {
    setForm({ ...form, ...patch });
    setSavedAt(undefined);
  };
  const setRanges = (day: number, ranges: readonly FormRange[]) => edit({ days: { ...form.days, [day]: ranges } });

  const submit = async (event: Event) => {
    event.preventDefault();
    setFormError(undefined);
    const problems = validateWidgetForm(form);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const answer = await api.updateWidgetSettings(props.setup.inboxId, changesFromForm(form, saved));
      const next = formFromSetup(answer, form.timeZone);
      setSaved(next);
      setForm(next);
      setSavedAt(Date.now());
      props.onChanged(answer);
    } catch (caught) {
      if (caught instanceof ApiError && caught.field) setErrors({ [formFieldOf(caught.field)]: caught.message });
      else setFormError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };

  const textField = (field: 'greeting' | 'offlineMessage', label: string, hint: string) => (
    <label class="field">
      <span class="field-label">{label}</span>
      <textarea
        class={`input textarea ${errors[field] ? 'input-invalid' : ''}`}
        rows={2}
        maxLength={textLimits[field] + 50}
        data-testid={field === 'greeting' ? 'widget-greeting' : 'widget-offline-message'}
        value={form[field]}
        aria-invalid={errors[field] ? 'true' : undefined}
        onInput={(event) => edit({ [field]: event.currentTarget.value })}
      />
      {errors[field] ? <FieldError message={errors[field]} /> : <span class="field-hint">{hint}</span>}
    </label>
  );

  return (
    <form class="widget-section widget-form" onSubmit={(event) => void submit(event)} noValidate>
      <div class="widget-section-head">
        <h3>What visitors see</h3>
      </div>
      {textField('greeting', 'Greeting', 'The first thing visitors read when they open the chat.')}
      {textField('offlineMessage', 'Offline message', 'Shown outside your service hours.')}
      <label class="field widget-reply-time">
        <span class="field-label">Reply time</span>
        <span class="input-prefixed">
          <span class="input-prefix">Usually replies in</span>
          <input
            class={`input ${errors.replyTime ? 'input-invalid' : ''}`}
            data-testid="widget-reply-time"
            value={form.replyTime}
            aria-invalid={errors.replyTime ? 'true' : undefined}
            onInput={(event) => edit({ replyTime: event.currentTarget.value })}
          />
        </span>
        <FieldError message={errors.replyTime} />
      </label>

      <div class="widget-hours">
        <div class="setting">
          <span class="setting-text">
            <strong>Service hours</strong>
            <span class="muted small">{form.useHours ? 'The chat shows the offline message outside these hours.' : 'Always online: visitors are told you reply at any time.'}</span>
          </span>
          <Switch checked={form.useHours} label="Use service hours" testId="widget-use-hours" onChange={(checked) => edit({ useHours: checked })} />
        </div>
        {form.useHours ? (
          <>
            <label class="field widget-timezone">
              <span class="field-label">Time zone</span>
              <input
                class={`input ${errors['serviceHours.timeZone'] ? 'input-invalid' : ''}`}
                list="widget-timezones"
                data-testid="widget-timezone"
                value={form.timeZone}
                spellcheck={false}
                aria-invalid={errors['serviceHours.timeZone'] ? 'true' : undefined}
                onInput={(event) => edit({ timeZone: event.currentTarget.value })}
              />
              <datalist id="widget-timezones">
                {zones.map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
              <FieldError message={errors['serviceHours.timeZone']} />
            </label>
            <ul class="hours-list" data-testid="widget-hours">
              {formWeekdays.map(({ day, label }) => {
                const ranges = form.days[day] ?? [];
                return (
                  <li key={day} class="hours-day" data-day={day}>
                    <span class="hours-day-name">{label}</span>
                    <span class="hours-ranges">
                      {ranges.length === 0 ? <span class="muted hours-closed">Closed</span> : null}
                      {ranges.map((range, index) => {
                        const startKey = rangeField(form.days, day, index, 'start');
                        const endKey = rangeField(form.days, day, index, 'end');
                        const problem = errors[startKey] ?? errors[endKey];
                        const update = (patch: Partial<FormRange>) => setRanges(day, ranges.map((r, i) => (i === index ? { ...r, ...patch } : r)));
                        return (
                          <span key={index} class="hours-range">
                            <span class="hours-range-inputs">
                              <input
                                type="time"
                                class={`input input-small ${errors[startKey] ? 'input-invalid' : ''}`}
                                aria-label={`${label} opens at`}
                                value={range.start}
                                onInput={(event) => update({ start: event.currentTarget.value })}
                              />
                              <span class="muted">to</span>
                              <input
                                type="time"
                                class={`input input-small ${errors[endKey] ? 'input-invalid' : ''}`}
                                aria-label={`${label} closes at`}
                                value={range.end === '24:00' ? '23:59' : range.end}
                                onInput={(event) => update({ end: event.currentTarget.value })}
                              />
                              <button
                                type="button"
                                class="icon-button"
                                aria-label={`Remove ${label} ${range.start}–${range.end}`}
                                onClick={() => setRanges(day, ranges.filter((_, i) => i !== index))}
                              >
                                <Icon name="close" size={14} />
                              </button>
                            </span>
                            <FieldError message={problem} />
                          </span>
                        );
                      })}
                    </span>
                    <button
                      type="button"
                      class="btn btn-ghost btn-small hours-add"
                      aria-label={`Add opening hours on ${label}`}
                      onClick={() => setRanges(day, [...ranges, ranges.length === 0 ? { start: '09:00', end: '17:00' } : { start: '18:00', end: '20:00' }])}
                    >
                      + Add
                    </button>
                  </li>
                );
              })}
            </ul>
          </>
        ) : null}
      </div>

      <label class="field">
        <span class="field-label">Allowed sites</span>
        <textarea
          class={`input textarea mono-input ${errors.allowedDomains ? 'input-invalid' : ''}`}
          rows={3}
          data-testid="widget-domains"
          value={form.allowedDomains}
          aria-invalid={errors.allowedDomains ? 'true' : undefined}
          onInput={(event) => edit({ allowedDomains: event.currentTarget.value })}
        />
        {errors.allowedDomains ? (
          <FieldError message={errors.allowedDomains} />
        ) : (
          <span class="field-hint">One site address per line, like https://shop.example. The chat refuses to run on other sites; leave empty to allow any.</span>
        )}
      </label>

      {formError ? (
        <p class="error-line" role="alert">
          <Icon name="alert" size={14} />
          {formError}
        </p>
      ) : null}
      <div class="row-actions">
        <span class="spacer" />
        {savedAt && !dirty ? (
          <span class="saved-note" data-testid="widget-saved">
            <Icon name="check" size={14} />
            Saved
          </span>
        ) : null}
        {dirty ? (
          <button type="button" class="btn btn-ghost" onClick={() => { setForm(saved); setErrors({}); }} disabled={busy}>
            Discard
          </button>
        ) : null}
        <button type="submit" class="btn btn-primary" data-testid="widget-save" disabled={busy || !dirty}>
          {busy ? <Spinner /> : null}
          Save changes
        </button>
      </div>
    </form>
  );
}
