import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DatelineError } from '../domain/errors.js';

const run = promisify(execFile);
const INSTALL_HINT = 'Install them with: sudo apt-get install varnish varnish-modules (Debian, Ubuntu), or set VARNISHD to the varnishd program to use.';

/** Where varnishd is: VARNISHD, else PATH, else Debian's /usr/sbin (not on a normal user's PATH). */
export function findVarnishd(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = env.VARNISHD
    ? [env.VARNISHD]
    : [...(env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, 'varnishd')), '/usr/sbin/varnishd', '/usr/local/sbin/varnishd'];
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * Finds varnishd and checks that it can load the xkey vmod (by compiling a
 * VCL that imports it, which is what counts), or fails with VARNISH_MISSING
 * naming the Debian packages.
 */
export async function checkVarnish(env: NodeJS.ProcessEnv = process.env): Promise<{ varnishd: string; version: string }> {
  const varnishd = findVarnishd(env);
  if (!varnishd) {
    throw new DatelineError('VARNISH_MISSING', env.VARNISHD ? `VARNISHD is "${env.VARNISHD}", which is not an executable program.` : 'varnishd (Varnish 7) is not installed.', { hint: INSTALL_HINT });
  }
  const dir = await varnishTempDir('dateline-vcc-');
  try {
    // varnishd -V prints to stderr, e.g. "varnishd (varnish-7.1.1 revision 7cee1c5…)".
    const said = await run(varnishd, ['-V']).catch((error: { stdout?: string; stderr?: string }) => error);
    const version = /varnish-\d+\.\d+(\.\d+)?/.exec(`${said.stdout ?? ''}${said.stderr ?? ''}`)?.[0] ?? 'varnishd';
    const vcl = path.join(dir, 'check.vcl');
    await writeFile(vcl, 'vcl 4.1;\nimport xkey;\nbackend unused none;\n');
    try {
      await run(varnishd, ['-C', '-f', vcl, '-n', path.join(dir, 'work')], { maxBuffer: 64 * 1024 * 1024 });
    } catch (cause) {
      const said = String((cause as { stderr?: string }).stderr ?? '');
      if (/Could not find VMOD xkey/.test(said)) {
        throw new DatelineError('VARNISH_MISSING', `${version} is installed, but not its xkey vmod (the varnish-modules package).`, { hint: INSTALL_HINT, cause });
      }
      throw new DatelineError('VARNISH_MISSING', `${varnishd} cannot compile a VCL: ${lastLines(said)}`, { hint: INSTALL_HINT, cause });
    }
    return { varnishd, version };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A temporary directory varnishd can read: started as root it reads the VCL
 * as its own unprivileged user, and mkdtemp's folders are private to us.
 */
export async function varnishTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await chmod(dir, 0o755);
  return dir;
}

/** Compiles a VCL file without starting anything; throws varnishd's own explanation. */
export async function compileVcl(varnishd: string, vclFile: string, workDir: string): Promise<void> {
  try {
    await run(varnishd, ['-C', '-f', vclFile, '-n', workDir], { maxBuffer: 64 * 1024 * 1024 });
  } catch (cause) {
    throw new DatelineError('CONFIG_INVALID', `Varnish cannot compile ${vclFile}: ${lastLines(String((cause as { stderr?: string }).stderr ?? ''))}`, {
      hint: 'Fix the VCL (varnishd -C -f FILE shows the whole message).',
      cause,
    });
  }
}

function lastLines(text: string): string {
  const start = text.lastIndexOf('Message from VCC-compiler:');
  return (start >= 0 ? text.slice(start) : text).trim().split('\n').slice(0, 8).join('\n');
}

export interface VarnishdOptions {
  varnishd: string;
  vclFile: string;
  /** Address and port readers connect to, e.g. 127.0.0.1:6081 or :6081. */
  listen: string;
  /** varnishd's working directory (-n): its own, so no system Varnish or systemd is involved. */
  workDir: string;
  /** Cache storage (-s), default malloc,256m. */
  storage?: string;
}

/**
 * Starts `varnishd -F` (in the foreground, as a child that dies with us) on
 * its own work directory. The caller reads its output and stops it.
 */
export function spawnVarnishd(options: VarnishdOptions): ChildProcess {
  return spawn(
    options.varnishd,
    [
      '-F',
      '-a',
      options.listen,
      '-f',
      options.vclFile,
      '-n',
      options.workDir,
      '-s',
      options.storage ?? 'malloc,256m',
      // The management interface only on loopback, on a port of its choosing.
      '-T',
      '127.0.0.1:0',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
}
