/**
 * cdk-nag acknowledgments — layer: infra (CDK constructs).
 *
 * cdk-nag v3 reads acknowledgments from CDK's own `Validations.of(scope).acknowledge()`
 * metadata; an acknowledgment covers the scope and everything below it, and one finding id
 * (`AwsSolutions-IAM5[Resource::…]`) hides exactly that finding. Every acknowledgment in this
 * code base goes through here so it always carries a reason.
 */
import { Stack, Validations } from 'aws-cdk-lib';
// cdk-nag's own flattening, so a computed finding id is byte-for-byte the one the rule reports.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/** Raised when an acknowledgment has no real reason. */
export class MissingReasonError extends Error {
  override readonly name = 'MissingReasonError';
}

/**
 * Acknowledges one AwsSolutions rule (or one finding of it) on a scope and its descendants.
 *
 * @param rule the rule without the pack prefix, e.g. `'L1'` or `'IAM5[Resource::*]'`
 * @param reason why the finding is accepted here; shown in the validation report
 */
export function acknowledge(scope: IConstruct, rule: string, reason: string): void {
  if (reason.trim().length < 20) {
    throw new MissingReasonError(`The acknowledgment of AwsSolutions-${rule} at ${scope.node.path} needs a specific reason`);
  }
  Validations.of(scope).acknowledge({ id: `AwsSolutions-${rule}`, reason });
}

/**
 * Acknowledges the IAM5 finding of one wildcard resource ARN.
 *
 * Only for ARNs whose tokens are pseudo parameters or resources of the scope's own stack: they
 * resolve now exactly as they will in the template. (A cross-stack token would resolve to an
 * import only during synthesis, so its finding id cannot be computed here.)
 */
export function acknowledgeWildcardResource(scope: IConstruct, resourceArn: string, reason: string): void {
  const flattened = flattenCfnReference(Stack.of(scope).resolve(resourceArn));
  acknowledge(scope, `IAM5[Resource::${flattened}]`, reason);
}
