// `candid serve` as a child process on a fixed port, so a scenario can kill it and start it again
// where clients expect it (the same data directory or Postgres schema, the same address).
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../packages/server-sdk/src/cli.ts', import.meta.url));

export interface Serve {
  child: ChildProcess;
  output(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export async function startServe(port: number, env: Record<string, string>): Promise<Serve> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--host', '127.0.0.1'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port) },
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`candid serve did not start:\n${output}`)), 60_000);
    const onData = (d: Buffer) => {
      output += d;
      if (output.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d) => (output += d));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`candid serve exited (${code ?? signal}):\n${output}`));
    });
  });
  return {
    child,
    output: () => output,
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}
