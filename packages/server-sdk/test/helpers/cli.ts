import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The `candid` CLI's source, run through tsx (no build needed). */
export const cliPath = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));

/** Runs `candid <args>` to its end with `env` added to this process's environment. */
export function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cliPath, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
