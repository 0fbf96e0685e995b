/**
 * `npm run --silent cli -- <command> [options]`. Each command lives in app/commands/<command>.ts and
 * exports `run(args, io)`; its exit code is the process's. Output contracts are in docs/contracts.md.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** Reads all of standard input (e.g. a password). */
  readStdin: () => Promise<string>;
  env: Record<string, string | undefined>;
}

export type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'commands');

function available(): string[] {
  return readdirSync(COMMANDS_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  const names = available();
  if (!name || name === 'help' || name === '--help' || !names.includes(name)) {
    io.stderr(`usage: npm run --silent cli -- <${names.join('|')}> [options]`);
    return name && name !== 'help' && name !== '--help' ? 2 : 0;
  }
  const mod: { run?: Command } = await import(pathToFileURL(join(COMMANDS_DIR, `${name}.ts`)).href);
  if (typeof mod.run !== 'function') throw new Error(`app/commands/${name}.ts does not export run()`);
  return mod.run(args, io);
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const io: CliIo = {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    readStdin,
    env: process.env,
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
