/**
 * A TCP server that accepts connections and never answers: a stand-in for an endpoint that
 * has stopped responding (a black-holed route looks the same to a client: no answer, ever).
 * It counts the connections, so a test can tell whether a client tried again.
 */

import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';

/** The silent server. */
export class BlackHole {
  /** Connections accepted so far. */
  connections = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    /** http://127.0.0.1:PORT */
    readonly url: string,
  ) {}

  /** Starts on a free loopback port. */
  static async start(): Promise<BlackHole> {
    let self: BlackHole | null = null;
    const server = createServer((socket) => {
      if (!self) return;
      self.connections += 1;
      self.sockets.add(socket);
      socket.on('close', () => self?.sockets.delete(socket));
      // Read and drop whatever comes; never write.
      socket.resume();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    self = new BlackHole(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return self;
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
