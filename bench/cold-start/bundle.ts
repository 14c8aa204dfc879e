/**
 * Bundling for the cold-start benchmark — layer: bench (tooling).
 *
 * Builds each manifest function twice over the same source files:
 * - bundled, with the esbuild settings the CDK stack deploys (`bundlingOptions` of
 *   infra/bundling.ts, read from there so the two cannot drift apart), as
 *   NodejsFunction runs esbuild: `--bundle --platform=node --outfile=index.mjs` plus those
 *   settings; sizes are taken from this build;
 * - unbundled, each source file transpiled on its own (`bundle: false`) into a directory that
 *   mirrors the repository, so `.js` import suffixes resolve to the transpiled files and package
 *   imports resolve from the repository's node_modules, as plain Node would.
 *
 * AWS runs the deployed bundle on Node 22; this machine runs Node 20, so the measured bundle is
 * the same build with `target: node20`. {@link FunctionBundle.sameForNode20} says whether the
 * two outputs are byte-identical (then the measured file is exactly the deployed one).
 */
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import type { FunctionSpec } from '../../infra/manifest.js';

/** The esbuild settings the CDK stack passes to NodejsFunction (its `bundling` props). */
export interface DeployedBundling {
  readonly format: string;
  readonly mainFields: readonly string[];
  readonly minify: boolean;
  readonly sourceMap: boolean;
  readonly target: string;
  readonly externalModules: readonly string[];
  readonly banner: string;
}

const knownKeys: readonly string[] = ['format', 'mainFields', 'minify', 'sourceMap', 'target', 'externalModules', 'banner'];

/** Raised when the deployed bundling settings hold an option this benchmark does not replay. */
export class UnknownBundlingOptionError extends Error {
  override readonly name = 'UnknownBundlingOptionError';
}

/**
 * Reads the deployed bundling settings (infra/bundling.ts, which the CDK construct also uses).
 * An option this module does not translate fails loudly, so a new deploy setting can never be
 * silently left out of the bench.
 */
export async function loadDeployedBundling(): Promise<DeployedBundling> {
  const { bundlingOptions } = await import('../../infra/bundling.js');
  const unknown = Object.keys(bundlingOptions).filter((key) => !knownKeys.includes(key));
  if (unknown.length > 0) {
    throw new UnknownBundlingOptionError(`bench/cold-start/bundle.ts does not replay bundling option(s) ${unknown.join(', ')}; teach esbuildOptions() about them`);
  }
  return bundlingOptions;
}

/** The esbuild build options NodejsFunction derives from {@link DeployedBundling}. */
export function esbuildOptions(deployed: DeployedBundling, target = deployed.target): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    format: deployed.format as BuildOptions['format'],
    target,
    minify: deployed.minify,
    sourcemap: deployed.sourceMap,
    external: [...deployed.externalModules],
    banner: { js: deployed.banner },
    mainFields: [...deployed.mainFields],
    metafile: true,
    logLevel: 'warning',
  };
}

/** Bytes of one third-party package inside a bundle. */
export interface PackageBytes {
  readonly name: string;
  readonly bytes: number;
}

/** One function, bundled and unbundled. */
export interface FunctionBundle {
  readonly name: string;
  /** The deployed bundle (target as in the CDK stack). */
  readonly deployedFile: string;
  /** The bundle the benchmark imports (target node20). */
  readonly measuredFile: string;
  /** True when the node20 build is byte-identical to the deployed build. */
  readonly sameForNode20: boolean;
  /** Size of the deployed bundle file, banner included. */
  readonly bytes: number;
  /** Sum of `bytesInOutput` of the inputs outside node_modules: our own code. */
  readonly ownBytes: number;
  /** Third-party packages by bytes in the output, largest first. */
  readonly packages: readonly PackageBytes[];
  /** Repository-relative source files (outside node_modules) the function imports. */
  readonly sourceFiles: readonly string[];
}

/** The package an input path belongs to (`@scope/name` or `name`), or undefined for our own code. */
export function packageOf(inputPath: string): string | undefined {
  const marker = 'node_modules/';
  const at = inputPath.lastIndexOf(marker);
  if (at < 0) return undefined;
  const parts = inputPath.slice(at + marker.length).split('/');
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1] ?? ''}` : parts[0];
}

/** Own bytes and per-package bytes of one bundle, from its metafile. */
export function analyseMetafile(metafile: Metafile): { ownBytes: number; packages: PackageBytes[]; sourceFiles: string[] } {
  const outputs = Object.values(metafile.outputs);
  if (outputs.length !== 1) throw new Error(`expected one output in the metafile, found ${outputs.length}`);
  let ownBytes = 0;
  const byPackage = new Map<string, number>();
  for (const [path, input] of Object.entries(outputs[0]!.inputs)) {
    const pkg = packageOf(path);
    if (pkg === undefined) ownBytes += input.bytesInOutput;
    else byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + input.bytesInOutput);
  }
  const packages = [...byPackage].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
  // Every module the bundle reached, tree-shaken or not: plain Node would load each of them.
  const sourceFiles = Object.keys(metafile.inputs).filter((path) => packageOf(path) === undefined).sort();
  return { ownBytes, packages, sourceFiles };
}

/**
 * Bundles one function as CDK does (deployed target) and again for Node 20 (measured).
 *
 * @example
 * const fn = await bundleFunction(spec, await loadDeployedBundling(), '/work/main', '/tmp/b');
 * fn.ownBytes; // 31_204
 */
export async function bundleFunction(spec: FunctionSpec, deployed: DeployedBundling, rootDir: string, outDir: string): Promise<FunctionBundle> {
  const deployedFile = join(outDir, 'deployed', spec.name, 'index.mjs');
  const measuredFile = join(outDir, 'node20', spec.name, 'index.mjs');
  const common = { entryPoints: [join(rootDir, spec.entry)], absWorkingDir: rootDir };
  const deployedBuild = await build({ ...esbuildOptions(deployed), ...common, outfile: deployedFile });
  await build({ ...esbuildOptions(deployed, 'node20'), ...common, outfile: measuredFile });
  const [deployedText, measuredText] = await Promise.all([readFile(deployedFile), readFile(measuredFile)]);
  const { ownBytes, packages } = analyseMetafile(deployedBuild.metafile!);
  // The unbundled form imports every module the entry reaches, including those the bundle
  // tree-shakes away entirely (esbuild leaves them out of the metafile), so the file list comes
  // from the whole import graph: a metafile-only build without tree-shaking.
  const graph = await build({ ...esbuildOptions(deployed), ...common, treeShaking: false, minify: false, write: false, outfile: deployedFile, logLevel: 'silent' });
  const { sourceFiles } = analyseMetafile(graph.metafile!);
  return {
    name: spec.name,
    deployedFile,
    measuredFile,
    sameForNode20: deployedText.equals(measuredText),
    bytes: deployedText.byteLength,
    ownBytes,
    packages,
    sourceFiles,
  };
}

/**
 * Transpiles the given source files one by one into `outDir`, mirroring the repository layout,
 * with a `package.json` (`"type": "module"`) and a `node_modules` link to the repository's, so
 * the output runs under plain Node. Files shared by several functions are transpiled once.
 */
export async function transpileUnbundled(sourceFiles: readonly string[], rootDir: string, outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: sourceFiles.map((file) => join(rootDir, file)),
    absWorkingDir: rootDir,
    outbase: rootDir,
    outdir: outDir,
    bundle: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  await writeFile(join(outDir, 'package.json'), `${JSON.stringify({ type: 'module', private: true })}\n`);
  await symlink(join(rootDir, 'node_modules'), join(outDir, 'node_modules'), 'dir').catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
}

/** Where {@link transpileUnbundled} put the transpiled form of a repository-relative `.ts` file. */
export function unbundledPath(sourceFile: string, outDir: string): string {
  return join(outDir, sourceFile.replace(/\.ts$/, '.js'));
}
