/**
 * Settings: my security (two-step verification) and, for admins, the account's MFA rule, the
 * chat widget (embed snippet, secret, what it shows), invitations and the team's roles.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import type { AccountView, AgentView, Role } from '../types.js';
import { useWorkspace } from '../workspace-context.js';
import { Field } from './auth.js';
import { InboxesCard } from './inbox-setup.js';
import { presenceOf } from './inbox.js';
import { MfaSetup } from './mfa-setup.js';
import { Avatar, ErrorLine, Icon, Skeleton, Spinner, Switch } from './ui.js';
import { WidgetSettingsCard } from './widget-settings.js';

function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Something went wrong. Please try again.';
}

/** The settings screen. */
export function Settings(props: { onMeChanged: () => Promise<void> }) {
  const workspace = useWorkspace();
  const isAdmin = workspace.me.agent.role === 'admin';
  return (
    <div class="settings">
      <header class="settings-header">
        <h1>Settings</h1>
        <p class="muted">
          Signed in as <strong>{workspace.me.agent.name}</strong> ({workspace.me.agent.email}) · {workspace.me.account.name}
        </p>
      </header>
      <SecurityCard onMeChanged={props.onMeChanged} />
      {isAdmin ? (
        <>
          <AccountCard />
          <InboxesCard />
          <WidgetSettingsCard />
          <InviteCard />
          <TeamCard />
        </>
      ) : null}
    </div>
  );
}

function SecurityCard(props: { onMeChanged: () => Promise<void> }) {
  const workspace = useWorkspace();
  const enabled = workspace.me.mfaEnabled;
  const [settingUp, setSettingUp] = useState(false);
  const [disabling, setDisabling] = useState(false);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const disable = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.disableMfa(code.replace(/\s+/g, ''));
      setDisabling(false);
      setCode('');
      await props.onMeChanged();
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="security-title">
      <header class="card-header">
        <h2 id="security-title">
          <Icon name="shield" size={16} />
          Two-step verification
        </h2>
        <span class={`badge ${enabled ? 'badge-success' : 'badge-muted'}`} data-testid="mfa-status">
          {enabled ? 'On' : 'Off'}
        </span>
      </header>
      {enabled ? (
        disabling ? (
          <form class="form form-inline" onSubmit={(event) => void disable(event)}>
            <Field label="Enter a code from your authenticator app to turn it off">
              <input
                class="input input-code"
                data-testid="mfa-disable-code"
                inputMode="numeric"
                autocomplete="one-time-code"
                maxLength={6}
                value={code}
                onInput={(event) => setCode(event.currentTarget.value)}
                autoFocus
              />
            </Field>
            <ErrorLine message={error} />
            <div class="row-actions">
              <button type="submit" class="btn btn-danger" data-testid="mfa-disable-confirm" disabled={busy || code.length < 6}>
                {busy ? <Spinner /> : null}
                Turn off
              </button>
              <button type="button" class="btn btn-ghost" onClick={() => setDisabling(false)}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <div class="row-actions">
            <p class="muted">Your account asks for a code from your authenticator app at every sign-in.</p>
            <span class="spacer" />
            {workspace.me.account.mfaRequired ? (
              <span class="muted small">Required by your account</span>
            ) : (
              <button type="button" class="btn btn-secondary" data-testid="mfa-disable" onClick={() => setDisabling(true)}>
                Turn off
              </button>
            )}
          </div>
        )
      ) : settingUp ? (
        <MfaSetup
          onEnabled={() => {
            setSettingUp(false);
            void props.onMeChanged();
          }}
          onCancel={() => setSettingUp(false)}
        />
      ) : (
        <div class="row-actions">
          <p class="muted">Protect your account with a code from your phone in addition to your password.</p>
          <span class="spacer" />
          <button type="button" class="btn btn-primary" data-testid="mfa-setup-open" onClick={() => setSettingUp(true)}>
            Set up
          </button>
        </div>
      )}
    </section>
  );
}

function AccountCard() {
  const [account, setAccount] = useState<AccountView | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    api.account().then(setAccount, (caught: unknown) => setError(messageOf(caught)));
  }, []);
  const update = async (patch: { mfaRequired?: boolean; autoAssign?: boolean }) => {
    setSaving(true);
    setError(undefined);
    try {
      setAccount(await api.updateAccount(patch));
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setSaving(false);
    }
  };
  return (
    <section class="card" aria-labelledby="account-title">
      <header class="card-header">
        <h2 id="account-title">Account</h2>
        <span class="muted small">{account?.name}</span>
      </header>
      {account ? (
        <ul class="settings-list">
          <li class="setting">
            <span class="setting-text">
              <strong>Require two-step verification for everyone</strong>
              <span class="muted small">Agents without it must set it up at their next sign-in.</span>
            </span>
            <Switch checked={account.mfaRequired} label="Require two-step verification for everyone" disabled={saving} testId="require-mfa" onChange={(checked) => void update({ mfaRequired: checked })} />
          </li>
          {account.autoAssign !== undefined ? (
            <li class="setting">
              <span class="setting-text">
                <strong>Assign new conversations automatically</strong>
                <span class="muted small">
                  Round-robin among online agents{account.agentCapacity ? `, up to ${account.agentCapacity} open conversations each` : ''}.
                </span>
              </span>
              <Switch checked={account.autoAssign} label="Assign new conversations automatically" disabled={saving} testId="auto-assign" onChange={(checked) => void update({ autoAssign: checked })} />
            </li>
          ) : null}
        </ul>
      ) : error ? null : (
        <Skeleton width="70%" height="14px" />
      )}
      <ErrorLine message={error} />
    </section>
  );
}

function InviteCard() {
  const workspace = useWorkspace();
  const [values, setValues] = useState<{ email: string; name: string; role: Role }>({ email: '', name: '', role: 'agent' });
  const [link, setLink] = useState<string | undefined>();
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setLink(undefined);
    try {
      const answer = await api.invite({ email: values.email.trim(), name: values.name.trim(), role: values.role });
      setLink(answer.acceptUrl);
      setValues({ email: '', name: '', role: 'agent' });
      workspace.refreshAgents();
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="invite-title">
      <header class="card-header">
        <h2 id="invite-title">Invite a teammate</h2>
      </header>
      <form class="invite-form" onSubmit={(event) => void submit(event)} noValidate>
        <Field label="Name">
          <input class="input" data-testid="invite-name" value={values.name} onInput={(event) => setValues({ ...values, name: event.currentTarget.value })} required />
        </Field>
        <Field label="Email">
          <input class="input" type="email" data-testid="invite-email" value={values.email} onInput={(event) => setValues({ ...values, email: event.currentTarget.value })} required />
        </Field>
        <Field label="Role">
          <select class="input" data-testid="invite-role" value={values.role} onChange={(event) => setValues({ ...values, role: event.currentTarget.value as Role })}>
            <option value="agent">Agent</option>
            <option value="admin">Admin</option>
          </select>
        </Field>
        <button type="submit" class="btn btn-primary invite-submit" data-testid="invite-submit" disabled={busy || !values.email || !values.name}>
          {busy ? <Spinner /> : null}
          Send invitation
        </button>
      </form>
      <ErrorLine message={error} />
      {link ? (
        <div class="invite-link">
          <span class="small">Share this link with your teammate. It works once, for 7 days.</span>
          <div class="copy-row">
            <input class="input" readOnly value={link} data-testid="invite-link" onFocus={(event) => event.currentTarget.select()} />
            <button
              type="button"
              class="btn btn-secondary"
              onClick={() => {
                navigator.clipboard.writeText(link).then(() => setCopied(true), () => {});
                setTimeout(() => setCopied(false), 2000);
              }}
            >
              <Icon name="copy" size={14} />
              {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}

function TeamCard() {
  const workspace = useWorkspace();
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState<string | undefined>();
  const update = async (agent: AgentView, patch: { role?: Role; disabled?: boolean }) => {
    setSaving(agent.id);
    setError(undefined);
    try {
      const updated = await api.updateAgent(agent.id, patch);
      workspace.setAgents(workspace.agents.map((item) => (item.id === updated.id ? updated : item)));
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setSaving(undefined);
    }
  };
  return (
    <section class="card" aria-labelledby="team-title">
      <header class="card-header">
        <h2 id="team-title">Team</h2>
        <span class="muted small">{workspace.agents.length === 1 ? '1 person' : `${workspace.agents.length} people`}</span>
      </header>
      <ErrorLine message={error} />
      <table class="team-table" data-testid="agents-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Two-step</th>
            <th scope="col">Active</th>
          </tr>
        </thead>
        <tbody>
          {workspace.agents.map((agent) => {
            const self = agent.id === workspace.me.agent.id;
            return (
              <tr key={agent.id} data-agent-id={agent.id} class={agent.disabled ? 'row-disabled' : ''}>
                <td>
                  <span class="person">
                    <Avatar id={agent.id} name={agent.name} size="sm" presence={agent.disabled ? undefined : presenceOf(agent)} />
                    <span>
                      <strong>{agent.name}</strong>
                      {self ? <span class="muted"> (you)</span> : null}
                      <br />
                      <span class="muted small">{agent.email}</span>
                    </span>
                  </span>
                </td>
                <td>
                  <select
                    class="input input-small"
                    aria-label={`Role of ${agent.name}`}
                    data-testid="agent-role"
                    value={agent.role}
                    disabled={self || saving === agent.id}
                    onChange={(event) => void update(agent, { role: event.currentTarget.value as Role })}
                  >
                    <option value="agent">Agent</option>
                    <option value="admin">Admin</option>
                  </select>
                </td>
                <td>
                  <span class={`badge ${agent.mfaEnabled ? 'badge-success' : 'badge-muted'}`}>{agent.mfaEnabled ? 'On' : 'Off'}</span>
                </td>
                <td>
                  <Switch
                    checked={!agent.disabled}
                    label={`${agent.name} can sign in`}
                    testId="agent-active"
                    disabled={self || saving === agent.id}
                    onChange={(checked) => void update(agent, { disabled: !checked })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
