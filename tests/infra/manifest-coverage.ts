/**
 * Manifest coverage — helper, not a test.
 *
 * Both composition roots must serve every manifest function: the CDK stacks deploy each one
 * (tests/infra/stateless.test.ts) and the laptop cloud mounts each one. Either test passes the
 * names it found here and expects an empty list back.
 */
import { functions, type FunctionSpec } from '../../infra/manifest.js';

/**
 * The manifest functions absent from `present`.
 *
 * @example
 * expect(missingManifestFunctions(localGateway.mountedFunctionNames())).toEqual([]);
 */
export function missingManifestFunctions(present: Iterable<string>, manifest: readonly FunctionSpec[] = functions): string[] {
  const found = new Set(present);
  return manifest.map((spec) => spec.name).filter((name) => !found.has(name));
}
