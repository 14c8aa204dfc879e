/**
 * The agents' auth area — layer: runtime (container).
 *
 * Sessions, sign-up, log-in, MFA, invitations and the team (agent-api). One set of auth
 * dependencies per base: the log-in keeps its dummy hash across calls.
 */
import { makeArgon2PasswordHasher } from '../../adapters/crypto/argon2-password-hasher.js';
import { makeOtplibTotp } from '../../adapters/crypto/otplib-totp.js';
import { makeAuthenticateSession } from '../../services/auth/authenticate-session.js';
import type { AuthDeps } from '../../services/auth/deps.js';
import { makeInvitations } from '../../services/auth/invitations.js';
import { makeLogIn } from '../../services/auth/log-in.js';
import { makeMfa } from '../../services/auth/mfa.js';
import { makeRevokeAccess } from '../../services/auth/revoke-access.js';
import { makeSignUp } from '../../services/auth/sign-up.js';
import { makeTeam } from '../../services/auth/team.js';
import { deferred, lazy, perBase, realtimePublisher } from './base.js';
import { keyRing } from './ports.js';
import { repositories } from './repositories.js';

/** The auth use cases. */
export interface AuthServices {
  readonly authenticateSession: ReturnType<typeof makeAuthenticateSession>;
  readonly signUp: ReturnType<typeof makeSignUp>;
  readonly logIn: ReturnType<typeof makeLogIn>;
  readonly logOut: ReturnType<typeof makeRevokeAccess>['logOut'];
  readonly setUpMfa: ReturnType<typeof makeMfa>['setUp'];
  readonly enableMfa: ReturnType<typeof makeMfa>['enable'];
  readonly disableMfa: ReturnType<typeof makeMfa>['disable'];
  readonly verifyMfa: ReturnType<typeof makeMfa>['verify'];
  readonly inviteAgent: ReturnType<typeof makeInvitations>['invite'];
  readonly acceptInvitation: ReturnType<typeof makeInvitations>['accept'];
  readonly listAgents: ReturnType<typeof makeTeam>['listAgents'];
  /** Enabled agents with availability `online` and ≥ 1 open WebSocket (for auto-assignment). */
  readonly listAvailableAgents: ReturnType<typeof makeTeam>['listAvailableAgents'];
  readonly updateAgent: ReturnType<typeof makeTeam>['updateAgent'];
  readonly setAgentAvailability: ReturnType<typeof makeTeam>['setAvailability'];
  readonly getAccount: ReturnType<typeof makeTeam>['getAccount'];
  readonly updateAccount: ReturnType<typeof makeTeam>['updateAccount'];
}

/** The auth services over a base (the process's by default). */
export const auth = /* @__PURE__ */ perBase((b): AuthServices => {
  const authDeps = lazy((): AuthDeps => ({
    ...repositories(b), publisher: realtimePublisher(b), hasher: makeArgon2PasswordHasher(), totp: makeOtplibTotp(), keys: keyRing(b), clock: b.clock, ids: b.ids,
  }));
  const logIn = lazy(() => makeLogIn(authDeps()));
  const mfa = lazy(() => makeMfa(authDeps()));
  const invitations = lazy(() => makeInvitations(authDeps()));
  const team = lazy(() => makeTeam(authDeps()));
  return {
    authenticateSession: deferred(() => makeAuthenticateSession({ sessions: repositories(b).sessions, agents: repositories(b).agents, clock: b.clock })),
    signUp: deferred(() => makeSignUp(authDeps())),
    logIn: deferred(() => logIn()),
    logOut: deferred(() => makeRevokeAccess(authDeps()).logOut),
    setUpMfa: deferred(() => mfa().setUp),
    enableMfa: deferred(() => mfa().enable),
    disableMfa: deferred(() => mfa().disable),
    verifyMfa: deferred(() => mfa().verify),
    inviteAgent: deferred(() => invitations().invite),
    acceptInvitation: deferred(() => invitations().accept),
    listAgents: deferred(() => team().listAgents),
    listAvailableAgents: deferred(() => team().listAvailableAgents),
    updateAgent: deferred(() => team().updateAgent),
    setAgentAvailability: deferred(() => team().setAvailability),
    getAccount: deferred(() => team().getAccount),
    updateAccount: deferred(() => team().updateAccount),
  };
});
