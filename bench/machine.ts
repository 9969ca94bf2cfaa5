import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  cores: number;
  cpu: string;
  totalMemory: number;
  node: string;
  os: string;
  loadAverage: number[];
  date: string;
  commit: string;
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function git(args: string[], cwd: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

/** What the numbers were measured on: they mean little without it. */
export function machine(cwd: string): Machine {
  const cpu = /^model name\s*:\s*(.+)$/m.exec(read('/proc/cpuinfo'))?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  const release = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(read('/etc/os-release'))?.[1] ?? `${os.type()} ${os.release()}`;
  const commit = git(['rev-parse', '--short', 'HEAD'], cwd) || 'unknown';
  const dirty = git(['status', '--porcelain', '--untracked-files=no'], cwd) !== '';
  return {
    cores: os.availableParallelism(),
    cpu,
    totalMemory: os.totalmem(),
    node: process.version,
    os: `${release} (kernel ${os.release()}, ${os.arch()})`,
    loadAverage: os.loadavg(),
    date: new Date().toISOString(),
    commit: dirty ? `${commit} (with uncommitted changes)` : commit,
  };
}
