import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The "internal service" an attacker wants the server to reach: an HTTP
 * server on loopback that counts every request it gets. A test passes only
 * when it was never reached.
 */
export interface LoopbackServer {
  url: string;
  port: number;
  hits: string[];
  close(): Promise<void>;
}

export async function startLoopbackServer(
  handler: (request: http.IncomingMessage, response: http.ServerResponse) => void = (_req, res) => res.end('secret: instance credentials'),
  host = '127.0.0.1',
): Promise<LoopbackServer> {
  const hits: string[] = [];
  const server = http.createServer((request, response) => {
    hits.push(`${request.method} ${request.url}`);
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
