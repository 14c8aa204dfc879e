/**
 * The dashboard's root: finds out whether an agent is signed in and shows the sign-in screens,
 * the MFA enrolment an account may require, or the workspace.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, ApiError, setEnrolmentRequiredHandler, setUnauthorizedHandler } from './api.js';
import { AcceptInvitation, SignIn, SignUp } from './components/auth.js';
import { MfaEnrolment } from './components/mfa-setup.js';
import { Spinner } from './components/ui.js';
import { Workspace } from './components/workspace.js';
import { useRoute } from './hooks.js';
import type { MeAnswer } from './types.js';

type SessionState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'signed-out'; readonly notice?: string }
  | { readonly kind: 'unreachable'; readonly message: string }
  | { readonly kind: 'enrol'; readonly me: MeAnswer }
  | { readonly kind: 'signed-in'; readonly me: MeAnswer };

/** The whole dashboard. */
export function App() {
  const route = useRoute();
  const [session, setSession] = useState<SessionState>({ kind: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const me = await api.me();
      const mustEnrol = me.mfaEnrolmentRequired ?? (me.account.mfaRequired && !me.mfaEnabled);
      setSession({ kind: mustEnrol ? 'enrol' : 'signed-in', me });
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) setSession({ kind: 'signed-out' });
      else setSession({ kind: 'unreachable', message: (error as Error).message });
    }
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => setSession({ kind: 'signed-out', notice: 'Your session ended. Please sign in again.' }));
    // The account started to require MFA while this agent was signed in: show the set-up.
    setEnrolmentRequiredHandler(() => void refresh());
    void refresh();
  }, [refresh]);

  const signedOut = (notice?: string) => setSession(notice ? { kind: 'signed-out', notice } : { kind: 'signed-out' });

  switch (session.kind) {
    case 'loading':
      return (
        <div class="splash" aria-busy="true">
          <span class="brand-mark brand-mark-lg">S</span>
          <Spinner />
        </div>
      );
    case 'unreachable':
      return (
        <div class="splash">
          <span class="brand-mark brand-mark-lg">S</span>
          <p class="muted">{session.message}</p>
          <button type="button" class="btn btn-primary" onClick={() => void refresh()}>
            Try again
          </button>
        </div>
      );
    case 'signed-out':
      if (route.name === 'signup') return <SignUp onSignedIn={refresh} />;
      if (route.name === 'accept') return <AcceptInvitation token={route.token} onSignedIn={refresh} />;
      return <SignIn notice={session.notice} onSignedIn={refresh} />;
    case 'enrol':
      return <MfaEnrolment me={session.me} onDone={refresh} onSignedOut={() => signedOut()} />;
    case 'signed-in':
      return <Workspace me={session.me} route={route} onSignedOut={signedOut} onMeChanged={refresh} />;
  }
}
