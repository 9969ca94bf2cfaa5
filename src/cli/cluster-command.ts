import { spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildVcl } from '../cache-tier/varnish-config.js';
import { checkVarnish, compileVcl, spawnVarnishd, varnishTempDir } from '../cache-tier/varnishd.js';
import { loadConfig } from '../config.js';
import { DatelineError } from '../domain/errors.js';
import { exitWithError, usageError } from './cli-output.js';
import { type Member, ProcessGroup, waitUntilHealthy } from './cluster-processes.js';
import { assertPortFree } from './port-check.js';

export const clusterUsage = `Usage: dateline cluster [--nodes N] [--port P] [--host ADDRESS] [--demo]

Runs Dateline as several nodes behind Varnish on this machine, against the
PostgreSQL database in DATABASE_URL: N app nodes on 127.0.0.1, ports P+1 to
P+N, and varnishd on port P in front of them with the shipped VCL
(deploy/varnish/dateline.vcl), the nodes as its backends. Every node purges
Varnish when content changes (CACHE_PURGE_URLS). Readers and the newsroom use
port P. Ctrl-C stops everything. For production, see docs/deploy.md.

Options:
  --nodes N         how many app nodes (default 3, at most 16)
  --port P          Varnish's port; node i listens on P+i (default 8080)
  --host ADDRESS    address Varnish listens on (default 0.0.0.0)
  --demo            seed the demo newsroom into an empty database first
  --data-dir DIR    parent of each node's data directory, DIR/node-1 ... (default DATA_DIR/cluster)
  -h, --help        show this help

Needs: DATABASE_URL=postgres://..., and Varnish 7 with its modules
(Debian, Ubuntu: sudo apt-get install varnish varnish-modules; VARNISHD
names another varnishd). Other settings (SITE_URL, LOG_LEVEL, MEDIA_STORE ...)
pass through to every node.
`;

const STARTUP_MS = 180_000;

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) usageError(`--${name} must be a whole number from ${min} to ${max}; got "${raw}".`, clusterUsage);
  return value;
}

export async function clusterCommand(argv: string[]): Promise<void> {
  let values: Record<string, string | boolean | undefined> = {};
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        nodes: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        demo: { type: 'boolean' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    usageError((error as Error).message, clusterUsage);
  }
  if (values.help) {
    process.stdout.write(clusterUsage);
    return;
  }
  const nodes = wholeNumber('nodes', values.nodes as string | undefined, 3, 1, 16);
  const port = wholeNumber('port', values.port as string | undefined, 8080, 1, 65_535 - nodes);
  const host = (values.host as string | undefined) ?? '0.0.0.0';
  try {
    await runCluster({ nodes, port, host, demo: Boolean(values.demo), dataDir: values['data-dir'] as string | undefined });
  } catch (error) {
    exitWithError(error);
  }
}

interface ClusterOptions {
  nodes: number;
  port: number;
  host: string;
  demo: boolean;
  dataDir: string | undefined;
}

async function runCluster(options: ClusterOptions): Promise<void> {
  const config = loadConfig(process.env);
  if (!config.databaseUrl) {
    throw new DatelineError('CONFIG_INVALID', 'dateline cluster needs PostgreSQL, and DATABASE_URL is not set.', {
      hint: 'Several nodes share one database; the SQLite file belongs to one process. Set DATABASE_URL=postgres://user@host:5432/dateline (see docs/deploy.md).',
    });
  }
  const { varnishd, version } = await checkVarnish();
  const nodePorts = Array.from({ length: options.nodes }, (_, i) => options.port + i + 1);
  await assertPortFree(options.host, options.port);
  for (const nodePort of nodePorts) await assertPortFree('127.0.0.1', nodePort);

  const wildcard = options.host === '0.0.0.0' || options.host === '::';
  const publicUrl = `http://${wildcard ? 'localhost' : options.host}:${options.port}`;
  // Nodes reach Varnish on this machine; from an address outside loopback they need a place in its purgers ACL.
  const localHost = wildcard ? '127.0.0.1' : options.host;
  const purgeUrl = `http://${localHost.includes(':') ? `[${localHost}]` : localHost}:${options.port}`;
  const dataRoot = path.resolve(options.dataDir ?? path.join(config.dataDir, 'cluster'));
  const work = await varnishTempDir('dateline-cluster-');
  const vclFile = path.join(work, 'dateline.vcl');
  const purgers = net.isIP(options.host) && !wildcard && !/^(127\.|::1$)/.test(options.host) ? [options.host] : [];
  await writeFile(vclFile, await buildVcl({ nodes: nodePorts.map((p) => ({ host: '127.0.0.1', port: p })), purgers }));
  await compileVcl(varnishd, vclFile, path.join(work, 'varnish'));

  let stopping: Promise<void> | undefined;
  let running = false;
  const group = new ProcessGroup(process.stdout, process.stderr, (member, how, fatal) => {
    if (!running) return; // a failed start is reported once, below
    process.stderr.write(`dateline cluster: ${member.name} (pid ${member.child.pid}) ${how} unexpectedly.${fatal ? ' Stopping the cluster.' : ' Varnish sends readers to the other nodes.'}\n`);
    if (fatal) void shutdown(1);
  });
  const shutdown = (code: number, selfStoppingMs = 0) => {
    stopping ??= (async () => {
      await group.stop(10_000, selfStoppingMs);
      await rm(work, { recursive: true, force: true });
      process.exit(code);
    })();
    return stopping;
  };
  process.once('SIGINT', () => {
    process.stdout.write('\nStopping the cluster (SIGINT)…\n');
    // From a terminal every member got this Ctrl-C too and is stopping; any still running in 3 s gets SIGTERM.
    void shutdown(0, 3000);
  });
  process.once('SIGTERM', () => void shutdown(0));
  process.once('SIGHUP', () => void shutdown(0));

  const startNode = async (index: number): Promise<Member> => {
    const nodeDir = path.join(dataRoot, `node-${index + 1}`);
    await mkdir(nodeDir, { recursive: true });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(nodePorts[index]),
      HOST: '127.0.0.1',
      DATA_DIR: nodeDir,
      // Only the first node seeds (asked for), and only it watches a wire inbox: one folder, one reader.
      DEMO: options.demo && index === 0 ? 'true' : 'false',
      CACHE_PURGE_URLS: purgeUrl,
      SITE_URL: process.env.SITE_URL ?? publicUrl,
      // Readers reach the nodes through Varnish on this machine: its X-Forwarded-For names the real client.
      TRUST_PROXY: process.env.TRUST_PROXY ?? 'loopback',
    };
    if (index > 0) delete env.WIRE_INBOX;
    // The same program that runs this command (bin/dateline.js, or the compiled cli.js), with the same node flags.
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1] as string, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const member = group.add({ name: `node${index + 1}`, child, expendable: true });
    try {
      await waitUntilHealthy(`http://127.0.0.1:${nodePorts[index]}/healthz`, child, STARTUP_MS);
    } catch (error) {
      throw new Error(`node${index + 1} did not start: ${(error as Error).message}.`);
    }
    return member;
  };

  try {
    process.stdout.write(`Starting ${options.nodes} node(s) on ports ${nodePorts[0]}–${nodePorts.at(-1)} and ${version} on port ${options.port}…\n`);
    // The first node alone migrates (and seeds, if asked); the others then start side by side.
    const members = [await startNode(0)];
    members.push(...(await Promise.all(nodePorts.slice(1).map((_p, i) => startNode(i + 1)))));
    const varnish = group.add({
      name: 'varnish',
      child: spawnVarnishd({ varnishd, vclFile, listen: `${options.host}:${options.port}`, workDir: path.join(work, 'varnish') }),
      expendable: false,
    });
    await waitUntilHealthy(`${purgeUrl}/healthz`, varnish.child, 30_000);
    process.stdout.write(
      [
        `Dateline cluster is running at ${publicUrl}/ (${options.nodes} node(s) behind Varnish)`,
        `  newsroom: ${publicUrl}/admin`,
        ...members.map((m, i) => `  ${m.name}: http://127.0.0.1:${nodePorts[i]}/ (pid ${m.child.pid}, data ${path.join(dataRoot, `node-${i + 1}`)})`),
        `  varnish: pid ${varnish.child.pid}, VCL ${vclFile}, purges from the nodes to ${purgeUrl}`,
        `  watch it: varnishstat -n ${path.join(work, 'varnish')} (or varnishlog -n …)`,
        'Ctrl-C stops everything.',
        '',
      ].join('\n'),
    );
    running = true;
  } catch (error) {
    // Stopped by a signal while starting: that is not a failure to report.
    if (stopping) await stopping;
    await group.stop(5000);
    await rm(work, { recursive: true, force: true });
    if (error instanceof DatelineError) throw error;
    // The node's own output above says why; a stack trace of this command would not.
    process.stderr.write(`dateline cluster: ${(error as Error).message}\n`);
    process.exit(1);
  }
  // From here the children's output keeps the process alive until a signal or a fatal exit.
}
