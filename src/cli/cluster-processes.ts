import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** One process `dateline cluster` started: an app node or varnishd. */
export interface Member {
  /** Shown before each of its log lines, e.g. `node2`. */
  name: string;
  child: ChildProcess;
  /** Whether the cluster can go on without it (a node can; Varnish cannot). */
  expendable: boolean;
}

/**
 * The processes of one cluster: their output forwarded line by line with
 * the member's name in front, an unexpected exit reported, and one stop()
 * that ends them all (SIGTERM, then SIGKILL after a grace period).
 */
export class ProcessGroup {
  private readonly members: Member[] = [];
  private stopping = false;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly err: NodeJS.WritableStream,
    /** Called when a member exits on its own; `fatal` when the cluster cannot go on. */
    private readonly onExit: (member: Member, how: string, fatal: boolean) => void,
  ) {}

  add(member: Member): Member {
    this.members.push(member);
    const width = Math.max(8, member.name.length + 1);
    const forward = (stream: NodeJS.ReadableStream | null, to: NodeJS.WritableStream) => {
      if (!stream) return;
      createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => to.write(`${`[${member.name}]`.padEnd(width + 2)} ${line}\n`));
    };
    forward(member.child.stdout, this.out);
    forward(member.child.stderr, this.err);
    member.child.once('exit', (code, signal) => {
      if (this.stopping) return;
      const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
      const alive = this.members.filter((m) => m.expendable && isRunning(m.child)).length;
      this.onExit(member, how, !member.expendable || alive === 0);
    });
    return member;
  }

  get running(): Member[] {
    return this.members.filter((m) => isRunning(m.child));
  }

  /**
   * Stops every member: SIGTERM, then SIGKILL for any still running after
   * `graceMs`. With `selfStoppingMs`, members that already got the signal
   * themselves (a terminal's Ctrl-C reaches the whole process group) are
   * given that long to stop on their own first, so none is told twice.
   */
  async stop(graceMs = 10_000, selfStoppingMs = 0): Promise<void> {
    this.stopping = true;
    const live = this.running;
    const gone = live.map((m) => new Promise<void>((resolve) => (isRunning(m.child) ? m.child.once('exit', () => resolve()) : resolve())));
    if (selfStoppingMs > 0) await Promise.race([Promise.all(gone), new Promise((r) => setTimeout(r, selfStoppingMs))]);
    for (const member of this.running) member.child.kill('SIGTERM');
    const timer = setTimeout(() => {
      for (const member of this.running) member.child.kill('SIGKILL');
    }, graceMs);
    await Promise.all(gone);
    clearTimeout(timer);
  }
}

export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Polls `url` until it answers 200; fails when the child exits first or time runs out. */
export async function waitUntilHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(child)) throw new Error(`it exited (${child.exitCode ?? child.signalCode}) before answering ${url}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} did not answer 200 within ${Math.round(timeoutMs / 1000)} s`);
}
