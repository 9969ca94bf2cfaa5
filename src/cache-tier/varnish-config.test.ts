import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderVcl, VCL_TEMPLATE_PATH } from './varnish-config.js';
import { compileVcl, findVarnishd, varnishTempDir } from './varnishd.js';

const template = await readFile(VCL_TEMPLATE_PATH, 'utf8');
const nodes = [3101, 3102, 3103].map((port) => ({ host: '127.0.0.1', port }));

describe('renderVcl', () => {
  it('lists each node as a probed backend in the round-robin director', () => {
    const vcl = renderVcl(template, { nodes });
    for (const [i, node] of nodes.entries()) {
      expect(vcl).toContain(`backend node${i + 1} {\n    .host = "127.0.0.1";\n    .port = "${node.port}";\n    .probe = dateline_health;`);
      expect(vcl).toContain(`    nodes.add_backend(node${i + 1});`);
    }
    // The template's example nodes are gone.
    expect(vcl).not.toContain('"3001"');
    expect(vcl.match(/^backend /gm)).toHaveLength(3);
  });

  it('adds purgers to the ACL, next to this machine', () => {
    const vcl = renderVcl(template, { nodes, purgers: ['10.0.0.7', '10.1.0.0/16', '2001:db8::/32'] });
    expect(vcl).toMatch(/acl purgers \{\n {4}"localhost";[\s\S]*"10\.0\.0\.7";\n {4}"10\.1\.0\.0"\/16;\n {4}"2001:db8::"\/32;\n/);
  });

  it('refuses what would not be a backend or an ACL entry', () => {
    expect(() => renderVcl(template, { nodes: [] })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => renderVcl(template, { nodes: [{ host: 'a"; }', port: 1 }] })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => renderVcl(template, { nodes: [{ host: '127.0.0.1', port: 70000 }] })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => renderVcl(template, { nodes, purgers: ['10.0.0.0/33'] })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => renderVcl(template, { nodes, purgers: ['everyone'] })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });

  it('says so when the template lost its markers', () => {
    expect(() => renderVcl('vcl 4.1;', { nodes })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it.skipIf(!findVarnishd())('renders VCL that varnishd compiles', async () => {
    const dir = await varnishTempDir('dateline-vcl-test-');
    try {
      const file = path.join(dir, 'dateline.vcl');
      await writeFile(file, renderVcl(template, { nodes, purgers: ['10.0.0.0/8'] }));
      await expect(compileVcl(findVarnishd() as string, file, path.join(dir, 'work'))).resolves.toBeUndefined();
      await expect(compileVcl(findVarnishd() as string, VCL_TEMPLATE_PATH, path.join(dir, 'work'))).resolves.toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
