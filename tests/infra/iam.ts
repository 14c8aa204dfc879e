/**
 * Reading IAM out of synthesized templates — helper, not a test.
 */
import type { Template } from 'aws-cdk-lib/assertions';

/** One Allow/Deny statement, with its actions and resources normalized to arrays. */
export interface Statement {
  readonly effect: string;
  readonly actions: readonly string[];
  readonly resources: readonly unknown[];
  /** The logical ids of the roles the statement applies to. */
  readonly roles: readonly string[];
}

interface RawStatement {
  readonly Effect: string;
  readonly Action?: string | string[];
  readonly Resource?: unknown;
}

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function normalize(raw: RawStatement, roles: readonly string[]): Statement {
  return { effect: raw.Effect, actions: asArray(raw.Action), resources: asArray(raw.Resource), roles };
}

/**
 * Every identity-policy statement of a template: standalone and managed policies (with the roles
 * they attach to) and inline role policies (attributed to their role).
 */
export function identityStatements(template: Template): Statement[] {
  const statements: Statement[] = [];
  for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
    for (const policy of Object.values(template.findResources(type))) {
      const props = policy['Properties'] as { PolicyDocument: { Statement: RawStatement[] }; Roles?: { Ref: string }[] };
      const roles = (props.Roles ?? []).map((role) => role.Ref);
      statements.push(...props.PolicyDocument.Statement.map((s) => normalize(s, roles)));
    }
  }
  for (const [roleId, role] of Object.entries(template.findResources('AWS::IAM::Role'))) {
    const inline = (role['Properties'] as { Policies?: { PolicyDocument: { Statement: RawStatement[] } }[] }).Policies ?? [];
    for (const policy of inline) statements.push(...policy.PolicyDocument.Statement.map((s) => normalize(s, [roleId])));
  }
  return statements;
}

/** The Allow statements that apply to one role. */
export function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  return identityStatements(template).filter((s) => s.effect === 'Allow' && s.roles.includes(roleLogicalId));
}

/** Every action allowed to one role. */
export function actionsOfRole(template: Template, roleLogicalId: string): Set<string> {
  return new Set(statementsOfRole(template, roleLogicalId).flatMap((s) => s.actions));
}
