/**
 * The AI agent's settings (`GET`/`PUT /api/v1/ai/settings`): on or off, the most capable model
 * routing may use, how knowledge is retrieved (weights, minimum score and confidence, rerank) and
 * the money (monthly budget, alert percentages, hard cap). Admins edit; agents read.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { aiSettingsForm, formatUsd, parseAiSettingsForm, type AiSettingsForm } from '../lib/ai-format.js';
import type { AiSettingsView } from '../types.js';
import { useWorkspace } from '../workspace-context.js';
import { ErrorLine, Icon, Skeleton, Spinner, Switch } from './ui.js';
import './ai-pages.css';

const tiers = [
  { value: 'small', label: 'Small', help: 'Fast and cheapest; simple questions.' },
  { value: 'mid', label: 'Mid', help: 'Most questions, at a moderate price.' },
  { value: 'premium', label: 'Premium', help: 'Hard, multi-part questions; costs the most.' },
] as const;

function FormRow(props: { label: string; help: string; htmlFor?: string; error?: string | undefined; children: ComponentChildren }) {
  return (
    <div class="ai-row">
      <div class="ai-row-text">
        <label class="ai-row-label" for={props.htmlFor}>
          {props.label}
        </label>
        <span class="muted small">{props.help}</span>
        {props.error ? <span class="field-error">{props.error}</span> : null}
      </div>
      <div class="ai-row-control">{props.children}</div>
    </div>
  );
}

/** The AI settings screen. */
export function AiSettingsPage() {
  const workspace = useWorkspace();
  const isAdmin = workspace.me.agent.role === 'admin';
  const [stored, setStored] = useState<AiSettingsView | undefined>();
  const [form, setForm] = useState<AiSettingsForm | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [errors, setErrors] = useState<Partial<Record<keyof AiSettingsForm, string>>>({});
  const [saveError, setSaveError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<number | undefined>();

  useEffect(() => {
    api.aiSettings().then(
      ({ settings }) => {
        setStored(settings);
        setForm(aiSettingsForm(settings));
      },
      (error: unknown) => setLoadError((error as Error).message),
    );
  }, []);

  const set = <K extends keyof AiSettingsForm>(key: K, value: AiSettingsForm[K]) => {
    setForm((previous) => (previous ? { ...previous, [key]: value } : previous));
    setErrors((previous) => ({ ...previous, [key]: undefined }));
    setSavedAt(undefined);
  };

  const dirty = Boolean(form && stored && JSON.stringify(form) !== JSON.stringify(aiSettingsForm(stored)));

  const save = async (event: Event) => {
    event.preventDefault();
    if (!form) return;
    const parsed = parseAiSettingsForm(form);
    setErrors(parsed.errors);
    if (!parsed.body) {
      // Show the first field to fix (the save bar may cover the bottom of the form).
      requestAnimationFrame(() => document.querySelector('.ai-settings .field-error')?.scrollIntoView({ block: 'center', behavior: 'smooth' }));
      return;
    }
    setSaving(true);
    setSaveError(undefined);
    try {
      const { settings } = await api.updateAiSettings(parsed.body);
      workspace.setAiEnabled(settings.enabled);
      setStored(settings);
      setForm(aiSettingsForm(settings));
      setSavedAt(Date.now());
    } catch (error) {
      setSaveError(error instanceof ApiError ? error.message : 'The settings could not be saved.');
    } finally {
      setSaving(false);
    }
  };

  const semantic = Number(form?.semantic);
  const keyword = Number(form?.keyword);
  const semanticShare = semantic >= 0 && keyword >= 0 && semantic + keyword > 0 ? semantic / (semantic + keyword) : undefined;
  const readOnly = !isAdmin;

  return (
    <div class="page">
      <header class="page-header">
        <div>
          <h1>
            <Icon name="sparkle" size={20} />
            AI agent
          </h1>
          <p class="muted">How the assistant answers your customers, what it may use, and what it may spend.</p>
        </div>
      </header>
      {loadError ? <ErrorLine message={loadError} /> : null}
      {!form ? (
        loadError ? null : (
          <section class="card">
            <Skeleton width="40%" height="16px" />
            <Skeleton width="90%" />
            <Skeleton width="75%" />
          </section>
        )
      ) : (
        <form class="ai-settings" onSubmit={(event) => void save(event)} data-testid="ai-settings-form">
          {readOnly ? (
            <p class="callout callout-info">
              <Icon name="shield" size={14} />
              Only admins can change these settings.
            </p>
          ) : null}
          <fieldset class="card" disabled={readOnly}>
            <header class="card-header">
              <h2>Assistant</h2>
              <span class={`badge ${form.enabled ? 'badge-success' : 'badge-muted'}`}>{form.enabled ? 'Answering' : 'Off'}</span>
            </header>
            <FormRow label="Answer new conversations" help="Off: every conversation goes straight to your team.">
              <Switch checked={form.enabled} label="AI agent enabled" testId="ai-enabled" disabled={readOnly} onChange={(checked) => set('enabled', checked)} />
            </FormRow>
            <FormRow label="Most capable model" help="Routing picks the cheapest tier that fits each question, never above this one.">
              <div class="segmented" role="radiogroup" aria-label="Most capable model">
                {tiers.map((tier) => (
                  <label key={tier.value} class={`segment ${form.maxTier === tier.value ? 'segment-on' : ''}`} title={tier.help}>
                    <input
                      type="radio"
                      name="maxTier"
                      value={tier.value}
                      checked={form.maxTier === tier.value}
                      disabled={readOnly}
                      onChange={() => set('maxTier', tier.value)}
                    />
                    {tier.label}
                  </label>
                ))}
              </div>
            </FormRow>
          </fieldset>

          <fieldset class="card" disabled={readOnly}>
            <header class="card-header">
              <h2>Knowledge retrieval</h2>
            </header>
            <FormRow
              label="Meaning vs. keywords"
              help="How much semantic similarity and exact words count when finding passages."
              htmlFor="ai-semantic"
              error={errors.semantic ?? errors.keyword}
            >
              <div class="weights">
                <label class="mini-field">
                  <span>Meaning</span>
                  <input id="ai-semantic" class="input input-small input-number" type="number" min="0" step="0.05" value={form.semantic} onInput={(event) => set('semantic', event.currentTarget.value)} />
                </label>
                <label class="mini-field">
                  <span>Keywords</span>
                  <input class="input input-small input-number" type="number" min="0" step="0.05" value={form.keyword} onInput={(event) => set('keyword', event.currentTarget.value)} />
                </label>
                {semanticShare !== undefined ? (
                  <span class="weight-bar" aria-hidden="true" title={`${Math.round(semanticShare * 100)}% meaning`}>
                    <span class="weight-fill" style={{ width: `${semanticShare * 100}%` }} />
                  </span>
                ) : null}
              </div>
            </FormRow>
            <FormRow label="Minimum score" help="Passages scoring below this (0–1) are ignored." htmlFor="ai-min-score" error={errors.minScore}>
              <input id="ai-min-score" class="input input-small input-number" type="number" min="0" max="1" step="0.05" value={form.minScore} onInput={(event) => set('minScore', event.currentTarget.value)} />
            </FormRow>
            <FormRow
              label="Minimum confidence"
              help="Below this (0–1) the assistant does not guess: it hands the conversation to a person."
              htmlFor="ai-min-confidence"
              error={errors.minConfidence}
            >
              <input
                id="ai-min-confidence"
                class="input input-small input-number"
                type="number"
                min="0"
                max="1"
                step="0.05"
                value={form.minConfidence}
                onInput={(event) => set('minConfidence', event.currentTarget.value)}
              />
            </FormRow>
            <FormRow label="Rerank passages" help="A second model re-orders the passages found; better answers, a small cost per question.">
              <Switch checked={form.rerank} label="Rerank passages" disabled={readOnly} onChange={(checked) => set('rerank', checked)} />
            </FormRow>
          </fieldset>

          <fieldset class="card" disabled={readOnly}>
            <header class="card-header">
              <h2>Budget</h2>
              <a href="#/costs" class="small">
                See spending
              </a>
            </header>
            <FormRow
              label="Monthly budget"
              help="Above it, only the small model answers. Alerts are measured against it."
              htmlFor="ai-budget"
              error={errors.monthlyBudgetUsd}
            >
              <span class="money-input">
                <span>$</span>
                <input id="ai-budget" class="input input-small input-number" type="number" min="0" step="1" value={form.monthlyBudgetUsd} onInput={(event) => set('monthlyBudgetUsd', event.currentTarget.value)} />
              </span>
            </FormRow>
            <FormRow label="Alerts at" help="Percentages of the budget that notify admins (up to five), e.g. 50, 80, 100." htmlFor="ai-alerts" error={errors.alertPercents}>
              <input id="ai-alerts" class="input input-small" value={form.alertPercents} onInput={(event) => set('alertPercents', event.currentTarget.value)} />
            </FormRow>
            <FormRow label="Hard cap" help="At this month-to-date spend the assistant stops and hands every conversation to people." htmlFor="ai-cap" error={errors.hardCapUsd}>
              <span class="money-input">
                <span>$</span>
                <input id="ai-cap" class="input input-small input-number" type="number" min="0" step="1" value={form.hardCapUsd} onInput={(event) => set('hardCapUsd', event.currentTarget.value)} />
              </span>
            </FormRow>
          </fieldset>

          {isAdmin ? (
            <div class="save-bar">
              <ErrorLine message={saveError} />
              {savedAt ? (
                <span class="saved" role="status">
                  <Icon name="check" size={14} /> Saved · budget {stored ? formatUsd(stored.monthlyBudgetUsd) : ''}
                </span>
              ) : null}
              <span class="spacer" />
              <button type="button" class="btn btn-ghost" disabled={!dirty || saving} onClick={() => stored && (setForm(aiSettingsForm(stored)), setErrors({}))}>
                Discard
              </button>
              <button type="submit" class="btn btn-primary" data-testid="ai-settings-save" disabled={!dirty || saving}>
                {saving ? <Spinner /> : null}
                Save changes
              </button>
            </div>
          ) : null}
        </form>
      )}
    </div>
  );
}
