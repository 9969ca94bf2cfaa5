import { readFile } from 'node:fs/promises';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { DatelineError } from '../domain/errors.js';

/** The VCL the repository ships; `dateline cluster` and production setups start from it. */
export const VCL_TEMPLATE_PATH = fileURLToPath(new URL('../../deploy/varnish/dateline.vcl', import.meta.url));

export interface VarnishNode {
  host: string;
  port: number;
}

export interface VclOptions {
  /** The app nodes, in the order the round-robin director visits them. */
  nodes: readonly VarnishNode[];
  /** Addresses or CIDR ranges (besides this machine) allowed to PURGE, e.g. `10.0.0.0/8`. */
  purgers?: readonly string[];
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

function bad(message: string, hint: string): never {
  throw new DatelineError('BAD_INPUT', message, { hint });
}

function backend(node: VarnishNode, index: number): string {
  if (!net.isIP(node.host) && !HOST_NAME.test(node.host)) {
    bad(`"${node.host}" is not a host name or an IP address.`, 'Give each node as host:port, such as 10.0.0.5:3000.');
  }
  if (!Number.isInteger(node.port) || node.port < 1 || node.port > 65535) {
    bad(`${node.port} is not a port number.`, 'Ports run from 1 to 65535.');
  }
  return [
    `backend node${index + 1} {`,
    `    .host = "${node.host}";`,
    `    .port = "${node.port}";`,
    '    .probe = dateline_health;',
    '    .connect_timeout = 1s;',
    '    .first_byte_timeout = 30s;',
    '    .between_bytes_timeout = 10s;',
    '}',
  ].join('\n');
}

/** `10.0.0.0/8` → `"10.0.0.0"/8;` (VCL's ACL syntax). */
function aclEntry(entry: string): string {
  const [address = '', bits, ...rest] = entry.trim().split('/');
  const family = net.isIP(address);
  const maxBits = family === 6 ? 128 : 32;
  const prefix = bits === undefined ? undefined : Number(bits);
  if (family === 0 || rest.length > 0 || (prefix !== undefined && (!Number.isInteger(prefix) || prefix < 0 || prefix > maxBits))) {
    bad(`"${entry}" is not an IP address or a CIDR range.`, 'List purgers as addresses or ranges, such as 10.0.0.7 or 10.0.0.0/24.');
  }
  return `    "${address}"${prefix === undefined ? '' : `/${prefix}`};`;
}

function replaceBlock(vcl: string, name: string, lines: string): string {
  const block = new RegExp(`([ \\t]*# dateline:${name}:start\\n)[\\s\\S]*?([ \\t]*# dateline:${name}:end)`);
  if (!block.test(vcl)) {
    throw new DatelineError('CONFIG_INVALID', `The VCL template has no "dateline:${name}" markers.`, {
      hint: `Restore ${VCL_TEMPLATE_PATH} from the repository, or keep its "# dateline:${name}:start/end" lines.`,
    });
  }
  return vcl.replace(block, (_all, start: string, end: string) => `${start}${lines ? `${lines}\n` : ''}${end}`);
}

/**
 * The shipped VCL with these nodes as backends (each probed on /healthz)
 * behind the round-robin director, and these addresses allowed to purge.
 *
 * @example renderVcl(template, { nodes: [{ host: '127.0.0.1', port: 8081 }, { host: '127.0.0.1', port: 8082 }] })
 */
export function renderVcl(template: string, options: VclOptions): string {
  if (options.nodes.length === 0) bad('Varnish needs at least one node.', 'Start at least one app node.');
  let vcl = replaceBlock(template, 'backends', options.nodes.map(backend).join('\n\n'));
  vcl = replaceBlock(vcl, 'purgers', (options.purgers ?? []).map(aclEntry).join('\n'));
  vcl = replaceBlock(vcl, 'director', options.nodes.map((_node, i) => `    nodes.add_backend(node${i + 1});`).join('\n'));
  return vcl;
}

/** Reads the shipped template and renders it. */
export async function buildVcl(options: VclOptions): Promise<string> {
  return renderVcl(await readFile(VCL_TEMPLATE_PATH, 'utf8'), options);
}
