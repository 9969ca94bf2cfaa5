/**
 * The baseline: a bare node:http server that answers every request with the
 * same bytes, read once from BODY_FILE. Run as a child process by run.ts; it
 * prints "listening <port>" when ready.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';

const file = process.env.BODY_FILE;
if (!file) throw new Error('BODY_FILE is not set.');
const body = readFileSync(file);
const headers = { 'content-type': 'text/html; charset=utf-8', 'content-length': String(body.length) };

const server = http.createServer((_request, response) => {
  response.writeHead(200, headers);
  response.end(body);
});
server.keepAliveTimeout = 72_000;
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : ''}\n`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => process.exit(0)));
