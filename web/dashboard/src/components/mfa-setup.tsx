/**
 * Setting up TOTP: a QR code of the `otpauth://` URL and the secret as text, a code to
 * confirm, then the 10 recovery codes — shown once.
 */
import qrcode from 'qrcode-generator';
import { useMemo, useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import type { MeAnswer } from '../types.js';
import { AuthShell, Field } from './auth.js';
import { ErrorLine, Icon, Spinner } from './ui.js';

/** A QR code drawn as one SVG path (crisp at any size, no canvas). */
export function QrCode(props: { value: string; size?: number }) {
  const { path, count } = useMemo(() => {
    const code = qrcode(0, 'M');
    code.addData(props.value);
    code.make();
    const modules = code.getModuleCount();
    let d = '';
    for (let row = 0; row < modules; row += 1) {
      for (let col = 0; col < modules; col += 1) if (code.isDark(row, col)) d += `M${col + 2} ${row + 2}h1v1h-1z`;
    }
    return { path: d, count: modules + 4 };
  }, [props.value]);
  const size = props.size ?? 176;
  return (
    <svg class="qr" width={size} height={size} viewBox={`0 0 ${count} ${count}`} role="img" aria-label="QR code for your authenticator app" shape-rendering="crispEdges">
      <rect width={count} height={count} fill="#fff" />
      <path d={path} fill="#111" />
    </svg>
  );
}

/** Shows recovery codes once, with copy and download. */
export function RecoveryCodes(props: { codes: readonly string[]; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const text = props.codes.join('\n');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  };
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(`Switchboard recovery codes\n\n${text}\n`)}`;
  return (
    <div class="recovery">
      <p class="callout callout-warning">
        <Icon name="shield" size={16} />
        Save these recovery codes somewhere safe. Each one signs you in once if you lose your phone. They will not be shown again.
      </p>
      <ol class="recovery-codes" data-testid="recovery-codes">
        {props.codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div class="row-actions">
        <button type="button" class="btn btn-secondary" onClick={() => void copy()}>
          <Icon name="copy" size={14} />
          {copied ? 'Copied' : 'Copy'}
        </button>
        <a class="btn btn-secondary" href={download} download="switchboard-recovery-codes.txt">
          Download
        </a>
        <span class="spacer" />
        <button type="button" class="btn btn-primary" data-testid="recovery-done" onClick={props.onDone}>
          I have saved them
        </button>
      </div>
    </div>
  );
}

/** The set-up steps; `onEnabled` runs after the recovery codes were acknowledged. */
export function MfaSetup(props: { onEnabled: () => void; onCancel?: () => void }) {
  const [secret, setSecret] = useState<{ secret: string; otpauthUrl: string } | undefined>();
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setSecret(await api.setupMfa());
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'Could not start the set-up.');
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api.enableMfa(code.replace(/\s+/g, ''));
      setRecoveryCodes(answer.recoveryCodes);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'Could not confirm the code.');
    } finally {
      setBusy(false);
    }
  };

  if (recoveryCodes) return <RecoveryCodes codes={recoveryCodes} onDone={props.onEnabled} />;

  if (!secret) {
    return (
      <div class="mfa-intro">
        <p class="muted">
          Use an authenticator app (1Password, Google Authenticator, Authy…) to get a new 6-digit code every 30 seconds when you sign in.
        </p>
        <ErrorLine message={error} />
        <div class="row-actions">
          <button type="button" class="btn btn-primary" data-testid="mfa-setup-start" onClick={() => void start()} disabled={busy}>
            {busy ? <Spinner /> : <Icon name="shield" size={14} />}
            Set up two-step verification
          </button>
          {props.onCancel ? (
            <button type="button" class="btn btn-ghost" onClick={props.onCancel}>
              Cancel
            </button>
          ) : null}
        </div>
      </div>
    );
  }

  return (
    <form class="mfa-setup" onSubmit={(event) => void confirm(event)} noValidate>
      <ol class="steps">
        <li>
          <span class="step-title">Scan this QR code with your authenticator app</span>
          <div class="qr-row">
            <QrCode value={secret.otpauthUrl} />
            <div class="secret-box">
              <span class="field-label">Or enter this key by hand</span>
              <code class="secret" data-testid="mfa-secret">
                {secret.secret}
              </code>
            </div>
          </div>
        </li>
        <li>
          <span class="step-title">Enter the 6-digit code it shows</span>
          <Field label="Code">
            <input
              class="input input-code"
              data-testid="mfa-setup-code"
              inputMode="numeric"
              autocomplete="one-time-code"
              maxLength={6}
              value={code}
              onInput={(event) => setCode(event.currentTarget.value)}
              autoFocus
            />
          </Field>
        </li>
      </ol>
      <ErrorLine message={error} />
      <div class="row-actions">
        <button type="submit" class="btn btn-primary" data-testid="mfa-setup-confirm" disabled={busy || code.replace(/\s+/g, '').length < 6}>
          {busy ? <Spinner /> : null}
          Turn on
        </button>
        {props.onCancel ? (
          <button type="button" class="btn btn-ghost" onClick={props.onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** The full-page enrolment an account that requires MFA shows before the inbox. */
export function MfaEnrolment(props: { me: MeAnswer; onDone: () => Promise<void>; onSignedOut: () => void }) {
  const signOut = async () => {
    try {
      await api.logout();
    } finally {
      props.onSignedOut();
    }
  };
  return (
    <AuthShell
      title="Set up two-step verification"
      subtitle={`${props.me.account.name} requires two-step verification for everyone. It takes a minute.`}
      footer={
        <button type="button" class="link" data-testid="signout" onClick={() => void signOut()}>
          Sign out
        </button>
      }
    >
      <MfaSetup onEnabled={() => void props.onDone()} />
    </AuthShell>
  );
}
