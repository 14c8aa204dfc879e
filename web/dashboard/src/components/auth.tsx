/**
 * Sign-in (with the MFA code step), sign-up of a new account, and accepting an invitation.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { navigate } from '../hooks.js';
import { ErrorLine, Spinner } from './ui.js';

/** The centred card every signed-out screen uses. */
export function AuthShell(props: { title: string; subtitle?: ComponentChildren; children: ComponentChildren; footer?: ComponentChildren }) {
  return (
    <main class="auth-page">
      <div class="auth-brand">
        <span class="brand-mark">S</span>
        <span class="brand-name">Switchboard</span>
      </div>
      <section class="auth-card" aria-labelledby="auth-title">
        <h1 id="auth-title">{props.title}</h1>
        {props.subtitle ? <p class="auth-subtitle">{props.subtitle}</p> : null}
        {props.children}
      </section>
      {props.footer ? <p class="auth-footer">{props.footer}</p> : null}
    </main>
  );
}

function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Something went wrong. Please try again.';
}

/** A labelled input. */
export function Field(props: {
  label: string;
  hint?: string;
  children: ComponentChildren;
}) {
  return (
    <label class="field">
      <span class="field-label">{props.label}</span>
      {props.children}
      {props.hint ? <span class="field-hint">{props.hint}</span> : null}
    </label>
  );
}

/**
 * A form's busy flag and error line. After a 429 the error counts down the `Retry-After`
 * seconds ("Too many attempts, try again in N s") and the form stays locked until then.
 */
function useForm() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [retryAt, setRetryAt] = useState<number | undefined>();
  const [, tick] = useState(0);
  useEffect(() => {
    if (retryAt === undefined) return;
    const timer = setInterval(() => {
      if (Date.now() >= retryAt) {
        setRetryAt(undefined);
        setError(undefined);
      } else {
        tick((value) => value + 1);
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [retryAt]);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    setRetryAt(undefined);
    try {
      await action();
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 429 && caught.retryAfterSeconds) {
        setRetryAt(Date.now() + caught.retryAfterSeconds * 1000);
      }
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };
  const locked = retryAt !== undefined;
  const shownError = locked ? `Too many attempts, try again in ${Math.max(1, Math.ceil((retryAt - Date.now()) / 1000))} s` : error;
  return { busy: busy || locked, error: shownError, setError, run };
}

const inputValue = (event: JSX.TargetedEvent<HTMLInputElement>) => event.currentTarget.value;

/** Email + password, then a TOTP (or recovery) code when the agent has MFA. */
export function SignIn(props: { notice?: string | undefined; onSignedIn: () => Promise<void> }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [mfaToken, setMfaToken] = useState<string | undefined>();
  const [code, setCode] = useState('');
  const [useRecovery, setUseRecovery] = useState(false);
  const form = useForm();

  const submitPassword = (event: Event) => {
    event.preventDefault();
    void form.run(async () => {
      const answer = await api.login({ email: email.trim(), password });
      if (answer.status === 'mfa_required') {
        setMfaToken(answer.mfaToken);
        setCode('');
        return;
      }
      await props.onSignedIn();
    });
  };

  const submitCode = (event: Event) => {
    event.preventDefault();
    if (!mfaToken) return;
    void form.run(async () => {
      try {
        await api.verifyMfa(useRecovery ? { mfaToken, recoveryCode: code.trim() } : { mfaToken, code: code.replace(/\s+/g, '') });
      } catch (error) {
        // The single-use MFA token expires after 5 minutes: start again from the password.
        if (error instanceof ApiError && error.code === 'unauthenticated') {
          setMfaToken(undefined);
          setPassword('');
          throw new ApiError(401, error.code, 'That sign-in step expired. Please sign in again.');
        }
        throw error;
      }
      await props.onSignedIn();
    });
  };

  if (mfaToken) {
    return (
      <AuthShell
        title="Two-step verification"
        subtitle={useRecovery ? 'Enter one of your recovery codes. Each code works once.' : 'Enter the 6-digit code from your authenticator app.'}
      >
        <form class="form" onSubmit={submitCode} noValidate>
          <Field label={useRecovery ? 'Recovery code' : 'Authentication code'}>
            <input
              key={useRecovery ? 'recovery' : 'totp'}
              class={`input ${useRecovery ? '' : 'input-code'}`}
              data-testid="mfa-code"
              name={useRecovery ? 'recovery-code' : 'one-time-code'}
              autocomplete={useRecovery ? 'off' : 'one-time-code'}
              inputMode={useRecovery ? 'text' : 'numeric'}
              maxLength={useRecovery ? 32 : 6}
              pattern={useRecovery ? undefined : '[0-9]*'}
              value={code}
              onInput={(event) => setCode(inputValue(event))}
              autoFocus
              required
            />
          </Field>
          <ErrorLine message={form.error} />
          <button class="btn btn-primary btn-block" type="submit" data-testid="mfa-submit" disabled={form.busy || code.trim().length === 0}>
            {form.busy ? <Spinner /> : null}
            Verify
          </button>
        </form>
        <div class="auth-links">
          <button
            type="button"
            class="link"
            onClick={() => {
              setUseRecovery(!useRecovery);
              setCode('');
              form.setError(undefined);
            }}
          >
            {useRecovery ? 'Use your authenticator app' : 'Use a recovery code'}
          </button>
          <button type="button" class="link" onClick={() => setMfaToken(undefined)}>
            Back to sign-in
          </button>
        </div>
      </AuthShell>
    );
  }

  return (
    <AuthShell
      title="Sign in"
      subtitle="Welcome back. Sign in to your team's inbox."
      footer={
        <>
          New to Switchboard?{' '}
          <a class="link" href="#/signup">
            Create an account
          </a>
        </>
      }
    >
      {props.notice ? <p class="notice">{props.notice}</p> : null}
      <form class="form" onSubmit={submitPassword} noValidate>
        <Field label="Email">
          <input
            class="input"
            type="email"
            data-testid="signin-email"
            autocomplete="username"
            value={email}
            onInput={(event) => setEmail(inputValue(event))}
            autoFocus
            required
          />
        </Field>
        <Field label="Password">
          <input
            class="input"
            type="password"
            data-testid="signin-password"
            autocomplete="current-password"
            value={password}
            onInput={(event) => setPassword(inputValue(event))}
            required
          />
        </Field>
        <ErrorLine message={form.error} />
        <button class="btn btn-primary btn-block" type="submit" data-testid="signin-submit" disabled={form.busy || !email || !password}>
          {form.busy ? <Spinner /> : null}
          Sign in
        </button>
      </form>
    </AuthShell>
  );
}

/** Creates a new account (tenant) with its first admin. */
export function SignUp(props: { onSignedIn: () => Promise<void> }) {
  const [values, setValues] = useState({ accountName: '', name: '', email: '', password: '' });
  const form = useForm();
  const set = (key: keyof typeof values) => (event: JSX.TargetedEvent<HTMLInputElement>) =>
    setValues({ ...values, [key]: inputValue(event) });
  const submit = (event: Event) => {
    event.preventDefault();
    void form.run(async () => {
      await api.signup({ ...values, email: values.email.trim(), accountName: values.accountName.trim(), name: values.name.trim() });
      navigate({ name: 'inbox' });
      await props.onSignedIn();
    });
  };
  return (
    <AuthShell
      title="Create your account"
      subtitle="Set up a workspace for your team. You will be its first admin."
      footer={
        <>
          Already have an account?{' '}
          <a class="link" href="#/inbox">
            Sign in
          </a>
        </>
      }
    >
      <form class="form" onSubmit={submit} noValidate>
        <Field label="Company or team name">
          <input class="input" data-testid="signup-account-name" value={values.accountName} onInput={set('accountName')} autoFocus required maxLength={100} />
        </Field>
        <Field label="Your name">
          <input class="input" data-testid="signup-name" autocomplete="name" value={values.name} onInput={set('name')} required maxLength={100} />
        </Field>
        <Field label="Work email">
          <input class="input" type="email" data-testid="signup-email" autocomplete="email" value={values.email} onInput={set('email')} required />
        </Field>
        <Field label="Password" hint="At least 8 characters.">
          <input
            class="input"
            type="password"
            data-testid="signup-password"
            autocomplete="new-password"
            value={values.password}
            onInput={set('password')}
            required
          />
        </Field>
        <ErrorLine message={form.error} />
        <button
          class="btn btn-primary btn-block"
          type="submit"
          data-testid="signup-submit"
          disabled={form.busy || !values.accountName || !values.name || !values.email || !values.password}
        >
          {form.busy ? <Spinner /> : null}
          Create account
        </button>
      </form>
    </AuthShell>
  );
}

/** Joins an account from an invitation link (`#/accept?token=…`). */
export function AcceptInvitation(props: { token: string; onSignedIn: () => Promise<void> }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const form = useForm();
  const submit = (event: Event) => {
    event.preventDefault();
    void form.run(async () => {
      await api.acceptInvitation({ token: props.token, name: name.trim(), password });
      navigate({ name: 'inbox' });
      await props.onSignedIn();
    });
  };
  return (
    <AuthShell title="Join your team" subtitle="You were invited to Switchboard. Choose your name and a password.">
      <form class="form" onSubmit={submit} noValidate>
        <Field label="Your name">
          <input class="input" data-testid="accept-name" autocomplete="name" value={name} onInput={(event) => setName(inputValue(event))} autoFocus required />
        </Field>
        <Field label="Password" hint="At least 8 characters.">
          <input
            class="input"
            type="password"
            data-testid="accept-password"
            autocomplete="new-password"
            value={password}
            onInput={(event) => setPassword(inputValue(event))}
            required
          />
        </Field>
        <ErrorLine message={form.error} />
        <button class="btn btn-primary btn-block" type="submit" data-testid="accept-submit" disabled={form.busy || !name || !password}>
          {form.busy ? <Spinner /> : null}
          Join
        </button>
      </form>
    </AuthShell>
  );
}
