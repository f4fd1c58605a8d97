import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** A Slack that cannot be reached in the worst way: it accepts connections, reads requests and never answers. */
export class SilentServer {
  private readonly sockets = new Set<Socket>();
  /** How many requests have begun to arrive: one per connection, as none is ever answered. */
  requests = 0;
  /** The path of each, as its request line names it (`/api/chat.postMessage`). */
  readonly paths: string[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<SilentServer> {
    let silent: SilentServer | undefined;
    const server = createServer((socket) => silent?.hold(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    silent = new SilentServer(server);
    return silent;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private arrivals: (() => void)[] = [];

  /** Resolves once a request for `path` has arrived. */
  async reached(path: string): Promise<void> {
    while (!this.paths.includes(path)) await new Promise<void>((resolve) => this.arrivals.push(resolve));
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private hold(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('data', (chunk: Buffer) => {
      this.requests += 1;
      this.paths.push(/^[A-Z]+ (\S+)/.exec(chunk.toString('latin1'))?.[1] ?? '');
      for (const wake of this.arrivals.splice(0)) wake();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }
}
