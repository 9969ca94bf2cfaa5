import net from 'node:net';
import { DatelineError } from '../domain/errors.js';

/** Fails with PORT_IN_USE when something already listens on host:port (port 0 always passes). */
export async function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (cause: NodeJS.ErrnoException) => {
      if (cause.code === 'EADDRINUSE') {
        reject(
          new DatelineError('PORT_IN_USE', `Port ${port} on ${host} is already in use.`, {
            hint: `Stop the other process, or start Dateline on another port: PORT=${port + 1} npm start.`,
            cause,
          }),
        );
      } else {
        reject(cause);
      }
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}
