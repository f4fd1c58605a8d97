/**
 * Socket Mode as Slack serves it, on the stand-in's own port: `apps.connections.open` hands out a
 * `ws://…/socket-mode` URL, the connection is greeted with `hello`, and envelopes (commands,
 * interactions, events) are delivered over it and acknowledged by their `envelope_id`. A WebSocket of
 * just what that needs (RFC 6455 text, ping, pong and close frames; no extensions).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

const handshakeGuid = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const opcodes = { text: 0x1, close: 0x8, ping: 0x9, pong: 0xa } as const;

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const head = length < 126 ? Buffer.from([0x80 | opcode, length]) : length < 65_536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (length >= 126 && length < 65_536) {
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(length, 2);
  } else if (length >= 65_536) {
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([head, payload]);
}

/** The connected app's socket, reading its (masked) frames as they arrive. */
class Connection {
  private buffer = Buffer.alloc(0);
  private readonly acks = new Map<string, (payload: unknown) => void>();

  constructor(private readonly socket: Duplex) {
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    socket.on('error', () => socket.destroy());
    this.send({ type: 'hello', num_connections: 1, debug_info: { host: 'shiftdesk-standin' }, connection_info: { app_id: 'A0SHIFTDESK' } });
  }

  get open(): boolean {
    return !this.socket.destroyed;
  }

  send(message: unknown): void {
    if (this.open) this.socket.write(frame(opcodes.text, Buffer.from(JSON.stringify(message))));
  }

  deliver(type: EnvelopeType, payload: unknown, timeoutMs: number): Promise<unknown> {
    const envelopeId = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.acks.delete(envelopeId);
        reject(new Error(`the app did not acknowledge the ${type} envelope within ${timeoutMs} ms`));
      }, timeoutMs);
      this.acks.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      this.send({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        retry_attempt: 0,
        retry_reason: '',
      });
    });
  }

  close(): void {
    if (!this.open) return;
    this.socket.end(frame(opcodes.close, Buffer.from([0x03, 0xe8])));
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.buffer.length < 2) return;
      const opcode = (this.buffer[0] as number) & 0x0f;
      let length = (this.buffer[1] as number) & 0x7f;
      let at = 2;
      if (length === 126) {
        if (this.buffer.length < 4) return;
        length = this.buffer.readUInt16BE(2);
        at = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return;
        length = Number(this.buffer.readBigUInt64BE(2));
        at = 10;
      }
      const masked = ((this.buffer[1] as number) & 0x80) !== 0;
      const mask = masked ? this.buffer.subarray(at, at + 4) : undefined;
      at += masked ? 4 : 0;
      if (this.buffer.length < at + length) return;
      const payload = Buffer.from(this.buffer.subarray(at, at + length));
      if (mask) for (let i = 0; i < payload.length; i += 1) payload[i] = (payload[i] as number) ^ (mask[i % 4] as number);
      this.buffer = this.buffer.subarray(at + length);
      this.onFrame(opcode, payload);
    }
  }

  private onFrame(opcode: number, payload: Buffer): void {
    if (opcode === opcodes.ping) return void this.socket.write(frame(opcodes.pong, payload));
    if (opcode === opcodes.close) return void this.socket.end(frame(opcodes.close, payload.subarray(0, 2)));
    if (opcode !== opcodes.text) return;
    const message = JSON.parse(payload.toString('utf8')) as { envelope_id?: string; payload?: unknown };
    const ack = message.envelope_id === undefined ? undefined : this.acks.get(message.envelope_id);
    if (!ack) return;
    this.acks.delete(message.envelope_id as string);
    ack(message.payload ?? null);
  }
}

/** The Socket Mode side of the stand-in: connections by the app, and envelopes sent down the newest one. */
export class SocketModeServer {
  private connections: Connection[] = [];
  private readonly waiting: ((connection: Connection) => void)[] = [];

  /** Answers an HTTP upgrade to the Socket Mode URL; anything else is refused. */
  upgrade(request: IncomingMessage, socket: Duplex): void {
    const key = request.headers['sec-websocket-key'];
    if (typeof key !== 'string' || !request.url?.startsWith('/socket-mode')) {
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const accept = createHash('sha1').update(`${key}${handshakeGuid}`).digest('base64');
    socket.write(
      ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${accept}`, '', ''].join(
        '\r\n',
      ),
    );
    const connection = new Connection(socket);
    this.connections.push(connection);
    for (const wake of this.waiting.splice(0)) wake(connection);
  }

  /**
   * Sends an envelope down the app's newest open connection (waiting for one) and resolves with the
   * app's ack payload; rejects when no ack comes within `timeoutMs` (Slack itself gives up after 3 s
   * and delivers again; the default leaves a busy machine plenty of room).
   */
  async deliver(type: EnvelopeType, payload: unknown, timeoutMs = 15_000): Promise<unknown> {
    const open = this.connections.filter((c) => c.open).at(-1) ?? (await new Promise<Connection>((resolve) => this.waiting.push(resolve)));
    return open.deliver(type, payload, timeoutMs);
  }

  close(): void {
    for (const connection of this.connections) connection.close();
    this.connections = [];
  }
}
