#!/usr/bin/env node
// The `dateline` command. Node 20 cannot run TypeScript itself, so tsx's loader is registered first,
// with the project's tsconfig wherever the command is started from (it sets the JSX runtime).
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli.ts');
