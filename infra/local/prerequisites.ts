/**
 * Prerequisite checks — layer: infra (local composition root).
 *
 * The laptop cloud needs Java 17+ (DynamoDB Local is a Java program) and free ports. Each check
 * fails with a {@link PrerequisiteError} whose message is one line: the problem and its fix.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { PrerequisiteError } from './errors.js';

/** The oldest Java that runs the bundled DynamoDB Local. */
const minimumJava = 17;

/**
 * Checks that `java -version` runs and reports Java 17 or newer; returns the major version.
 *
 * @example
 * await checkJava(); // PrerequisiteError "Java is not installed ... sudo apt-get install openjdk-17-jre-headless"
 */
export function checkJava(command = 'java'): Promise<number> {
  const fix = 'Fix: sudo apt-get install openjdk-17-jre-headless (or any Java 17+ on your PATH).';
  return new Promise((resolve, reject) => {
    execFile(command, ['-version'], { timeout: 15_000 }, (error, stdout, stderr) => {
      if (error) {
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        reject(new PrerequisiteError(missing
          ? `Java is not installed: DynamoDB Local needs Java ${minimumJava}+. ${fix}`
          : `"${command} -version" failed (${error.message.split('\n')[0]}). ${fix}`));
        return;
      }
      // `java -version` prints to stderr: `openjdk version "17.0.15"` or, for Java 8, `"1.8.0_392"`.
      const match = /version "(\d+)(?:\.(\d+))?/.exec(`${stderr}${stdout}`);
      const first = Number(match?.[1] ?? 0);
      const major = first === 1 ? Number(match?.[2] ?? 0) : first;
      if (major < minimumJava) {
        reject(new PrerequisiteError(`Java ${major || '(unknown version)'} found, DynamoDB Local needs Java ${minimumJava}+. ${fix}`));
        return;
      }
      resolve(major);
    });
  });
}

/**
 * Fails when `port` on 127.0.0.1 is already taken, naming what needed it and how to free it.
 * A free port is released again before this resolves.
 */
export function assertPortFree(port: number, purpose: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' || error.code === 'EACCES'
        ? new PrerequisiteError(`Port ${port} (${purpose}) is ${error.code === 'EACCES' ? 'not allowed' : 'already in use'}. ` +
          `Fix: stop the process using it (see "ss -ltnp 'sport = :${port}'") or choose another port.`)
        : error);
    });
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** A port that was free on 127.0.0.1 a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
