/**
 * Settings › Inboxes (admins): every inbox with its channel, adding an inbox of any kind with its
 * provider credentials, and per inbox the webhook URLs to paste into the provider's console and a
 * test message.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { canSendTest, channelInfo, channelInfoOf, testRecipientLabel, webhookUrlList, type ChannelKind } from '../lib/channels.js';
import {
  createInboxBody, emptyInboxForm, fieldsOf, inboxFieldOf, isValid, newInboundSecret, testRecipientValue, validateInboxForm, validateTestRecipient,
  type InboxField, type InboxForm, type InboxFormErrors,
} from '../lib/inbox-form.js';
import type { InboxSetup, InboxView } from '../types.js';
import { useWorkspace } from '../workspace-context.js';
import { ChannelIcon } from './channel-icon.js';
import { ErrorLine, Icon, Skeleton, Spinner } from './ui.js';
import './inbox-setup.css';

function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Something went wrong. Please try again.';
}

const providerGroups: readonly { label: string; channels: readonly ChannelKind[] }[] = [
  { label: 'Website', channels: ['web'] },
  { label: 'Twilio', channels: ['sms', 'whatsapp', 'voice'] },
  { label: 'Meta', channels: ['messenger', 'instagram', 'whatsapp_cloud'] },
  { label: 'Email (SendGrid)', channels: ['email'] },
];

/** The "Inboxes" card of the settings screen (render it for admins only). */
export function InboxesCard() {
  const workspace = useWorkspace();
  const [inboxes, setInboxes] = useState<InboxView[] | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [adding, setAdding] = useState(false);
  const [openId, setOpenId] = useState<string | undefined>();
  const [justCreated, setJustCreated] = useState<{ id: string; setup: InboxSetup } | undefined>();

  const load = async (): Promise<InboxView[] | undefined> => {
    try {
      const answer = await api.inboxes();
      setInboxes(answer.items);
      workspace.setInboxes(answer.items);
      return answer.items;
    } catch (caught) {
      setLoadError(messageOf(caught));
      return undefined;
    }
  };
  useEffect(() => {
    void load();
  }, []);

  return (
    <section class="card inbox-setup" aria-labelledby="inboxes-title" data-testid="inboxes-section">
      <header class="card-header">
        <h2 id="inboxes-title">
          <Icon name="inboxTray" size={16} />
          Inboxes
        </h2>
        {adding ? null : (
          <button type="button" class="btn btn-primary btn-small" data-testid="inbox-add" onClick={() => setAdding(true)}>
            <span aria-hidden="true">+</span>
            Add inbox
          </button>
        )}
      </header>
      <p class="muted small">Every channel customers reach you on. Conversations from all of them arrive in one inbox.</p>
      {adding ? (
        <AddInboxForm
          onCancel={() => setAdding(false)}
          onCreated={async (id, setup) => {
            setAdding(false);
            setJustCreated({ id, setup });
            setOpenId(id);
            await load();
          }}
        />
      ) : null}
      <ErrorLine message={loadError} />
      {inboxes === undefined ? (
        loadError ? null : (
          <div class="inbox-rows-loading">
            <Skeleton width="60%" height="14px" />
            <Skeleton width="45%" height="14px" />
          </div>
        )
      ) : (
        <ul class="inbox-rows" data-testid="inbox-list">
          {inboxes.map((inbox) => (
            <InboxRow
              key={inbox.id}
              inbox={inbox}
              open={openId === inbox.id}
              initialSetup={justCreated?.id === inbox.id ? justCreated.setup : undefined}
              onToggle={() => setOpenId(openId === inbox.id ? undefined : inbox.id)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function InboxRow(props: { inbox: InboxView; open: boolean; initialSetup?: InboxSetup | undefined; onToggle: () => void }) {
  const { inbox } = props;
  const info = channelInfoOf(inbox.channel);
  const detailsId = `inbox-details-${inbox.id}`;
  return (
    <li class={`inbox-row ${props.open ? 'inbox-row-open' : ''}`} data-testid="inbox-row" data-inbox-id={inbox.id} data-channel={inbox.channel}>
      <button type="button" class="inbox-row-head" aria-expanded={props.open} aria-controls={detailsId} onClick={props.onToggle}>
        <ChannelIcon channel={inbox.channel} badge size={16} decorative />
        <span class="inbox-row-text">
          <strong>{inbox.name}</strong>
          <span class="muted small">
            {info.label}
            {inbox.channelAddress ? ` · ${inbox.channelAddress}` : ''}
          </span>
        </span>
        <span class="inbox-row-action muted small">{props.open ? 'Hide' : inbox.channel === 'web' ? 'Details' : 'Set up'}</span>
        <Icon name="chevron" size={14} class={props.open ? 'chevron-open' : ''} />
      </button>
      {props.open ? (
        <div class="inbox-details" id={detailsId}>
          <InboxDetails inbox={inbox} initialSetup={props.initialSetup} />
        </div>
      ) : null}
    </li>
  );
}

function InboxDetails(props: { inbox: InboxView; initialSetup?: InboxSetup | undefined }) {
  const { inbox } = props;
  const [setup, setSetup] = useState<InboxSetup | undefined>(props.initialSetup);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (inbox.channel === 'web') return;
    let cancelled = false;
    api.inboxSetup(inbox.id).then(
      (answer) => !cancelled && setSetup({ ...props.initialSetup, ...answer }),
      (caught: unknown) => !cancelled && setError(messageOf(caught)),
    );
    return () => {
      cancelled = true;
    };
  }, [inbox.id]);

  if (inbox.channel === 'web') {
    return (
      <p class="muted small">
        A website chat needs no webhook: embed its snippet from <strong>Chat widget</strong> below.
      </p>
    );
  }
  const urls = webhookUrlList(setup?.webhookUrls);
  return (
    <div class="inbox-details-body">
      {setup?.hasCredentials !== undefined ? (
        <p class="credential-line">
          <span class={`badge ${setup.hasCredentials ? 'badge-success' : 'badge-muted'}`} data-testid="inbox-credentials">
            {setup.hasCredentials ? 'Credentials saved' : 'No credentials'}
          </span>
          <span class="muted small">
            {setup.hasCredentials ? 'Stored encrypted; they are never shown again.' : 'Sends from this inbox go nowhere until credentials are saved.'}
          </span>
        </p>
      ) : null}
      <div class="webhook-list">
        <h3 class="subheading">Webhook URLs</h3>
        {setup === undefined && !error ? (
          <Skeleton width="80%" height="30px" />
        ) : urls.length === 0 ? (
          <p class="muted small">This inbox has no webhook URL.</p>
        ) : (
          urls.map((item) => (
            <div class="webhook-item" key={item.url}>
              <span class="field-label">{item.label}</span>
              <div class="copy-row">
                <input
                  class="input"
                  readOnly
                  value={item.url}
                  aria-label={item.label}
                  data-testid="inbox-webhook-url"
                  data-purpose={item.key}
                  onFocus={(event) => event.currentTarget.select()}
                />
                <CopyButton text={item.url} />
              </div>
              {item.hint ? <span class="field-hint">{item.hint}</span> : null}
            </div>
          ))
        )}
        <ErrorLine message={error} />
      </div>
      {canSendTest(inbox.channel) ? <TestMessageForm inbox={inbox} /> : null}
    </div>
  );
}

function TestMessageForm(props: { inbox: InboxView }) {
  const { inbox } = props;
  const recipient = testRecipientLabel(inbox.channel);
  const [to, setTo] = useState('');
  const [body, setBody] = useState('Hello from Switchboard: this is a test message.');
  const [toError, setToError] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<{ to: string; conversationId: string } | undefined>();
  const submit = async (event: Event) => {
    event.preventDefault();
    setSent(undefined);
    setError(undefined);
    const problem = validateTestRecipient(inbox.channel, to);
    setToError(problem);
    if (problem) return;
    if (!body.trim()) {
      setError('Write the message to send.');
      return;
    }
    setBusy(true);
    try {
      const recipient = testRecipientValue(inbox.channel, to);
      const answer = await api.sendTestMessage(inbox.id, { to: recipient, body: body.trim() });
      setSent({ to: recipient, conversationId: answer.conversationId });
    } catch (caught) {
      if (caught instanceof ApiError && caught.field && /(^|\.)to$/.test(caught.field)) setToError(caught.message);
      else setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="test-message" onSubmit={(event) => void submit(event)} noValidate>
      <h3 class="subheading">Send a test message</h3>
      <div class="test-message-grid">
        <label class="field">
          <span class="field-label">{recipient.label}</span>
          <input
            class={`input ${toError ? 'input-invalid' : ''}`}
            data-testid="inbox-test-to"
            value={to}
            aria-invalid={toError ? 'true' : undefined}
            onInput={(event) => {
              setTo(event.currentTarget.value);
              if (toError) setToError(undefined);
            }}
          />
          {toError ? <FieldError message={toError} /> : recipient.example ? <span class="field-hint">For example {recipient.example}</span> : null}
        </label>
        <label class="field">
          <span class="field-label">Message</span>
          <input class="input" data-testid="inbox-test-body" value={body} maxLength={1600} onInput={(event) => setBody(event.currentTarget.value)} />
        </label>
        <button type="submit" class="btn btn-secondary" data-testid="inbox-test-send" disabled={busy}>
          {busy ? <Spinner /> : <Icon name="send" size={13} />}
          Send test
        </button>
      </div>
      <ErrorLine message={error} />
      {sent ? (
        <p class="test-sent small" role="status" data-testid="inbox-test-result">
          <Icon name="check" size={13} />
          Queued for {sent.to}.{' '}
          <a href={`#/conversations/${sent.conversationId}`} data-testid="inbox-test-conversation">
            Follow its delivery in the conversation
          </a>
        </p>
      ) : null}
    </form>
  );
}

function AddInboxForm(props: { onCancel: () => void; onCreated: (id: string, setup: InboxSetup) => Promise<void> }) {
  const [form, setForm] = useState<InboxForm>(() => emptyInboxForm('sms'));
  const [errors, setErrors] = useState<InboxFormErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const fields = fieldsOf(form.channel);
  const info = channelInfo[form.channel];

  const update = (next: InboxForm) => {
    setForm(next);
    // After a first attempt, errors follow the typing so a fixed field clears at once.
    if (submitted) setErrors(validateInboxForm(next));
  };
  const pickChannel = (channel: ChannelKind) => {
    const fresh = emptyInboxForm(channel);
    // Keep a name the admin typed; otherwise name the inbox after its channel.
    const typedName = form.name !== channelInfo[form.channel].label ? form.name : fresh.name;
    setForm({ ...fresh, name: typedName });
    setErrors({});
    setSubmitted(false);
    setError(undefined);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setSubmitted(true);
    setError(undefined);
    const found = validateInboxForm(form);
    setErrors(found);
    if (!isValid(found)) {
      const first = Object.keys(found)[0];
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus());
      return;
    }
    setBusy(true);
    try {
      // An email inbox's Inbound Parse URL carries a secret path segment, made here and shown once saved.
      const inboundSecret = form.channel === 'email' ? newInboundSecret((length) => crypto.getRandomValues(new Uint8Array(length))) : undefined;
      const answer = await api.createInbox(createInboxBody(form, inboundSecret));
      await props.onCreated(answer.id, { channel: answer.channel, webhookUrls: answer.webhookUrls });
    } catch (caught) {
      const taken = caught instanceof ApiError && caught.code === 'channel_address_taken';
      const field = taken ? 'channelAddress' : caught instanceof ApiError ? inboxFieldOf(caught.field) : undefined;
      const message = taken ? 'This account is already connected to another inbox.' : messageOf(caught);
      if (field && (field === 'name' || fields.length > 0)) setErrors({ ...found, [field]: message });
      else setError(message);
    } finally {
      setBusy(false);
    }
  };

  const text = (field: Exclude<InboxField, `templates.${number}.${string}`>, label: string, options: { hint?: string | undefined; example?: string | undefined; secret?: boolean; optional?: boolean } = {}) => (
    <label class="field" key={field}>
      <span class="field-label">
        {label}
        {options.optional ? <span class="muted"> (optional)</span> : null}
      </span>
      <input
        class={`input ${errors[field] ? 'input-invalid' : ''}`}
        type={options.secret ? 'password' : 'text'}
        autocomplete={options.secret ? 'new-password' : 'off'}
        spellcheck={false}
        data-field={field}
        data-testid={`inbox-${field}`}
        value={form[field]}
        aria-invalid={errors[field] ? 'true' : undefined}
        onInput={(event) => update({ ...form, [field]: event.currentTarget.value })}
      />
      {errors[field] ? (
        <FieldError message={errors[field]} />
      ) : options.hint || options.example ? (
        <span class="field-hint">{[options.hint, options.example ? `For example ${options.example}` : ''].filter(Boolean).join(' ')}</span>
      ) : null}
    </label>
  );

  return (
    <form class="add-inbox" onSubmit={(event) => void submit(event)} noValidate data-testid="inbox-form">
      <div class="add-inbox-channel">
        <ChannelIcon channel={form.channel} badge size={20} decorative />
        <label class="field add-inbox-select">
          <span class="field-label">Channel</span>
          <select class="input" data-testid="inbox-channel" value={form.channel} onChange={(event) => pickChannel(event.currentTarget.value as ChannelKind)}>
            {providerGroups.map((group) => (
              <optgroup label={group.label} key={group.label}>
                {group.channels.map((channel) => (
                  <option value={channel} key={channel}>
                    {channelInfo[channel].label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <span class="field-hint">{info.blurb}</span>
        </label>
      </div>
      <div class="add-inbox-fields">
        {text('name', 'Inbox name', { hint: 'What agents see in the inbox list.' })}
        {fields.includes('channelAddress') ? text('channelAddress', info.addressLabel ?? 'Address', { hint: info.addressHint, example: info.addressExample }) : null}
        {fields.includes('accountSid') ? text('accountSid', 'Twilio account SID', { hint: 'Starts with AC; Twilio console › Account info.' }) : null}
        {fields.includes('authToken') ? text('authToken', 'Twilio auth token', { secret: true, hint: 'Used to send and to check that webhooks really come from Twilio.' }) : null}
        {fields.includes('forwardingNumber')
          ? text('forwardingNumber', 'Forward calls to', { optional: true, hint: 'When a caller asks for an agent, the call is put through to this number.' })
          : null}
        {fields.includes('accessToken')
          ? text('accessToken', form.channel === 'whatsapp_cloud' ? 'WhatsApp access token' : 'Page access token', {
              secret: true,
              hint: form.channel === 'whatsapp_cloud' ? 'A permanent system-user token with whatsapp_business_messaging.' : 'A long-lived page token with pages_messaging.',
            })
          : null}
      </div>
      {fields.includes('templates') ? <TemplatesEditor form={form} errors={errors} onChange={update} /> : null}
      {form.channel === 'email' ? (
        <p class="muted small">After saving, paste the Inbound Parse URL shown for this inbox into SendGrid. Replies go out from the support address.</p>
      ) : null}
      <ErrorLine message={error} />
      <div class="row-actions">
        <button type="submit" class="btn btn-primary" data-testid="inbox-save" disabled={busy}>
          {busy ? <Spinner /> : null}
          Save inbox
        </button>
        <button type="button" class="btn btn-ghost" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function TemplatesEditor(props: { form: InboxForm; errors: InboxFormErrors; onChange: (form: InboxForm) => void }) {
  const { form, errors } = props;
  const setRow = (index: number, patch: Partial<{ name: string; language: string; body: string }>) =>
    props.onChange({ ...form, templates: form.templates.map((row, at) => (at === index ? { ...row, ...patch } : row)) });
  const input = (index: number, key: 'name' | 'language' | 'body', label: string): JSX.Element => {
    const field = `templates.${index}.${key}` as const;
    return (
      <span class="template-cell">
        <input
          class={`input input-small ${errors[field] ? 'input-invalid' : ''}`}
          aria-label={`${label} of template ${index + 1}`}
          data-field={field}
          data-testid={`inbox-template-${key}`}
          spellcheck={false}
          value={form.templates[index]?.[key] ?? ''}
          aria-invalid={errors[field] ? 'true' : undefined}
          onInput={(event) => setRow(index, { [key]: event.currentTarget.value })}
        />
        <FieldError message={errors[field]} />
      </span>
    );
  };
  return (
    <fieldset class="templates-editor">
      <legend class="field-label">Approved message templates</legend>
      <span class="field-hint">Outside the 24-hour window WhatsApp only delivers approved templates; agents pick from these.</span>
      {form.templates.length > 0 ? (
        <div class="template-row template-columns" aria-hidden="true">
          <span class="field-hint">Name, as approved (order_update)</span>
          <span class="field-hint">Language (en_US)</span>
          <span class="field-hint">Text, optional (Hi {'{{1}}'}, order {'{{2}}'} shipped)</span>
        </div>
      ) : null}
      {form.templates.map((_, index) => (
        <div class="template-row" key={index}>
          {input(index, 'name', 'Name')}
          {input(index, 'language', 'Language')}
          {input(index, 'body', 'Text')}
          <button
            type="button"
            class="icon-button"
            aria-label={`Remove template ${index + 1}`}
            onClick={() => props.onChange({ ...form, templates: form.templates.filter((__, at) => at !== index) })}
          >
            <Icon name="close" size={13} />
          </button>
        </div>
      ))}
      {form.templates.length < 50 ? (
        <button type="button" class="link small template-add" data-testid="inbox-template-add" onClick={() => props.onChange({ ...form, templates: [...form.templates, { name: '', language: 'en_US' }] })}>
          + Add a template
        </button>
      ) : null}
    </fieldset>
  );
}

/** A button that copies `text` and says so for two seconds. */
function CopyButton(props: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      class="btn btn-secondary"
      data-testid="inbox-webhook-copy"
      onClick={() => {
        navigator.clipboard.writeText(props.text).then(() => setCopied(true), () => {});
        setTimeout(() => setCopied(false), 2000);
      }}
    >
      <Icon name={copied ? 'check' : 'copy'} size={14} />
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

function FieldError(props: { message?: string | undefined }) {
  if (!props.message) return null;
  return (
    <span class="inbox-field-error" role="alert">
      {props.message}
    </span>
  );
}

