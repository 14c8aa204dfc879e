/**
 * Lambda bundling settings — layer: infra (plain data).
 *
 * How every function is bundled by esbuild for Lambda (DESIGN.md §5). Read by the CDK construct
 * that deploys functions and by the cold-start benchmark, so the benchmark measures exactly what
 * is deployed; plain data, so reading it does not load aws-cdk-lib.
 */
export const bundlingOptions = {
  format: 'esm',
  mainFields: ['module', 'main'],
  minify: true,
  sourceMap: false,
  target: 'node22',
  // Bundle everything, the AWS SDK included, except native addons: esbuild cannot inline a
  // `.node` binary. A function that needs one lists it in its manifest `nativeModules`, and CDK
  // installs it into the asset for Lambda's platform (linux-arm64, glibc).
  externalModules: ['@node-rs/argon2'],
  // ESM output has no `require`; CommonJS dependencies bundled inside still call it.
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
} as const;
