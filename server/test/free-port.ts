import { createServer } from 'node:net';

/**
 * One free TCP port on 127.0.0.1: the OS picks it and it is released at once for the service
 * under test to take. Shared by the server tests, the e2e fixtures and the benchmarks.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port assigned'))));
    });
  });
}
