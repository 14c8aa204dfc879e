/**
 * The sign-in routes of the agents' API — layer: contracts (function `agent-api`, prefix
 * `/api/v1`, tag `Auth`). docs/API.md "Auth"; the rules are SECURITY.md §5.
 *
 * Sessions travel in a cookie (`__Host-sb_session` over HTTPS, `sb_session` over plain HTTP on
 * the laptop); answers that open a session set it, and no answer carries the token in its body.
 */
import * as z from 'zod/mini';
import { AccountView, Email, PersonName, roles, availabilities } from './agents.js';
import { defineRoute } from './route.js';

const tag = 'Auth';

/** A new password: 8–128 characters, no composition rules (SECURITY.md §5). */
export const NewPassword = z.string().check(z.minLength(8, 'must be at least 8 characters'), z.maxLength(128, 'must be at most 128 characters'));
const Password = z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(128, 'must be at most 128 characters'));
const TotpCode = z.string().check(z.trim(), z.regex(/^\d{6}$/, 'must be the 6-digit code of your authenticator app'));
const Token = z.string().check(z.minLength(20), z.maxLength(200));

/** The signed-in agent as it sees itself. */
export const SelfView = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(roles),
  mfaEnabled: z.boolean(),
  availability: z.enum(availabilities),
});

const SignedIn = z.object({ status: z.literal('signed_in'), agent: SelfView, account: AccountView });

export const SignUp = defineRoute({
  method: 'POST', path: '/api/v1/auth/signup', tag, auth: 'public',
  summary: 'Create an account with its first admin',
  description: 'Creates the tenant, its first admin and a web inbox, and signs the admin in (session cookie).',
  body: z.object({ accountName: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(120)), name: PersonName, email: Email, password: NewPassword }),
  response: { status: 201, description: 'The new account and admin; sets the session cookie', schema: z.object({ account: AccountView, agent: SelfView }) },
  errors: [409],
});

export const LogIn = defineRoute({
  method: 'POST', path: '/api/v1/auth/login', tag, auth: 'public',
  summary: 'Sign in with email and password',
  description: '`signed_in` sets the session cookie; `mfa_required` returns a 5-minute single-use `mfaToken` for `POST /auth/mfa/verify`; `mfa_enrolment_required` sets a cookie limited to setting MFA up. Any wrong email or password answers 401 `invalid_credentials`; too many failures answer 429 with `Retry-After`.',
  body: z.object({ email: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(254)), password: Password }),
  response: {
    status: 200, description: 'Signed in, or the next step',
    schema: z.union([
      SignedIn,
      z.object({ status: z.literal('mfa_required'), mfaToken: z.string(), expiresAt: z.string() }),
      z.object({ status: z.literal('mfa_enrolment_required'), agent: SelfView, account: AccountView }),
    ]),
  },
});

export const VerifyMfa = defineRoute({
  method: 'POST', path: '/api/v1/auth/mfa/verify', tag, auth: 'public',
  summary: 'Second step of a sign-in: a TOTP code or a recovery code',
  description: 'A code of a time step already used answers 401 `code_reused`; a recovery code works once. Sets a new session cookie.',
  body: z.object({
    mfaToken: Token,
    code: z.optional(TotpCode),
    recoveryCode: z.optional(z.string().check(z.trim(), z.minLength(10), z.maxLength(20))),
  }).check(z.refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), 'send either code or recoveryCode')),
  response: { status: 200, description: 'Signed in', schema: SignedIn },
});

export const SetUpMfa = defineRoute({
  method: 'POST', path: '/api/v1/auth/mfa/setup', tag, auth: 'agent',
  summary: 'Start setting up TOTP',
  description: 'A new 160-bit base32 secret and its otpauth URI (for a QR code); not active until confirmed with `POST /auth/mfa/enable`. Allowed for MFA-limited sessions.',
  response: { status: 200, description: 'The secret', schema: z.object({ secret: z.string(), otpauthUrl: z.string() }) },
  errors: [409],
});

export const EnableMfa = defineRoute({
  method: 'POST', path: '/api/v1/auth/mfa/enable', tag, auth: 'agent',
  summary: 'Confirm TOTP set-up with a code',
  description: 'Returns 10 single-use recovery codes, shown only once, and replaces the session cookie with a full session. Allowed for MFA-limited sessions.',
  body: z.object({ code: TotpCode }),
  response: { status: 200, description: 'The recovery codes', schema: z.object({ recoveryCodes: z.array(z.string()) }) },
  errors: [409],
});

export const DisableMfa = defineRoute({
  method: 'POST', path: '/api/v1/auth/mfa/disable', tag, auth: 'agent',
  summary: 'Turn TOTP off with a current code',
  body: z.object({ code: TotpCode }),
  response: { status: 204, description: 'MFA is off' },
  errors: [409],
});

export const LogOut = defineRoute({
  method: 'POST', path: '/api/v1/auth/logout', tag, auth: 'agent',
  summary: 'Sign out',
  description: "Deletes the session, clears the cookie and closes the agent's WebSockets.",
  response: { status: 204, description: 'Signed out' },
});

export const Me = defineRoute({
  method: 'GET', path: '/api/v1/auth/me', tag, auth: 'agent',
  summary: 'Who is signed in',
  description: 'Allowed for MFA-limited sessions (`mfaEnrolmentRequired: true`).',
  response: {
    status: 200, description: 'The signed-in agent',
    schema: z.object({ agent: SelfView, account: AccountView, mfaEnabled: z.boolean(), mfaEnrolmentRequired: z.boolean(), sessionExpiresAt: z.string() }),
  },
});

export const AcceptInvitation = defineRoute({
  method: 'POST', path: '/api/v1/auth/invitations/accept', tag, auth: 'public',
  summary: 'Accept an invitation and create your agent',
  body: z.object({ token: Token, name: PersonName, password: NewPassword }),
  response: { status: 201, description: 'The new agent, signed in', schema: z.object({ agent: SelfView, account: AccountView }) },
  errors: [409],
});

export const IssueRealtimeTicket = defineRoute({
  method: 'POST', path: '/api/v1/realtime/ticket', tag, auth: 'agent',
  summary: 'A single-use WebSocket ticket',
  description: "Valid 60 s for one `$connect` from the request's `Origin` (which must be allowed).",
  response: { status: 201, description: 'The ticket and where to connect', schema: z.object({ ticket: z.string(), expiresAt: z.string(), url: z.string() }) },
  errors: [403],
});

/** Every auth contract, in the order of docs/API.md. */
export const agentAuthContracts = [SignUp, LogIn, VerifyMfa, SetUpMfa, EnableMfa, DisableMfa, LogOut, Me, AcceptInvitation, IssueRealtimeTicket] as const;
