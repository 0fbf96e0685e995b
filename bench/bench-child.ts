import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A bench child process (TypeScript through tsx) with extra environment; reads its stdout by line. */
export function startChild(script: string, nodeArgs: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const nextLine = () => new Promise<string>((resolve) => lines.once('line', resolve));
  return { child, nextLine };
}
