import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { describe, it } from 'node:test';
import { WebSocketClient } from '../src/live/websocket.js';

/** A frame as a server sends it: unmasked. */
function serverFrame(opcode: number, payload: Buffer, fin = true): Buffer {
  const n = payload.length;
  const head = n < 126 ? Buffer.from([(fin ? 0x80 : 0) | opcode, n]) : n < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (n >= 126) {
    head[0] = (fin ? 0x80 : 0) | opcode;
    if (n < 65536) {
      head[1] = 126;
      head.writeUInt16BE(n, 2);
    } else {
      head[1] = 127;
      head.writeBigUInt64BE(BigInt(n), 2);
    }
  }
  return Buffer.concat([head, payload]);
}

/** Reads one client frame: it must be masked; returns opcode and unmasked payload. */
function readClientFrame(b: Buffer): { opcode: number; payload: Buffer; masked: boolean; length: number } {
  const masked = (b[1]! & 0x80) !== 0;
  let n = b[1]! & 0x7f;
  let at = 2;
  if (n === 126) {
    n = b.readUInt16BE(2);
    at = 4;
  } else if (n === 127) {
    n = Number(b.readBigUInt64BE(2));
    at = 10;
  }
  const mask = b.subarray(at, at + 4);
  const payload = Buffer.from(b.subarray(at + 4, at + 4 + n));
  for (let i = 0; i < n; i++) payload[i]! ^= mask[i & 3]!;
  return { opcode: b[0]! & 0x0f, payload, masked, length: at + 4 + n };
}

function server(onSocket: (socket: Socket) => void): Promise<Server> {
  const s = createServer((_, res) => res.writeHead(404).end());
  s.on('upgrade', (req, socket: Socket) => {
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    onSocket(socket);
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

describe('the WebSocket client', () => {
  it('reassembles fragments, reads 16- and 64-bit lengths split across packets, answers pings, and masks what it sends', async () => {
    const big = 'x'.repeat(70_000);
    const medium = 'é'.repeat(300);
    const got: Buffer[] = [];
    const s = await server((socket) => {
      socket.on('data', (b: Buffer) => got.push(b));
      const frames = Buffer.concat([
        serverFrame(0x1, Buffer.from('hel'), false),
        serverFrame(0x9, Buffer.from('ping!')), // a control frame between fragments
        serverFrame(0x0, Buffer.from('lo'), true),
        serverFrame(0x1, Buffer.from(medium)),
        serverFrame(0x1, Buffer.from(big)),
      ]);
      // One byte at a time for the first frames, then the rest: no frame arrives whole.
      let i = 0;
      const drip = (): void => {
        if (i < 40) {
          socket.write(frames.subarray(i, i + 1));
          i++;
          setImmediate(drip);
        } else socket.write(frames.subarray(i));
      };
      drip();
    });
    try {
      const { port } = s.address() as AddressInfo;
      const ws = await WebSocketClient.connect(`ws://127.0.0.1:${port}/x`);
      const messages: string[] = [];
      await new Promise<void>((resolve) => {
        ws.onMessage = (t) => {
          messages.push(t);
          if (messages.length === 3) resolve();
        };
      });
      assert.deepEqual(messages, ['hello', medium, big]);
      ws.send('a'.repeat(200));
      await new Promise((r) => setTimeout(r, 50));
      const sent = Buffer.concat(got);
      const pong = readClientFrame(sent);
      assert.deepEqual([pong.opcode, pong.payload.toString(), pong.masked], [0xa, 'ping!', true]);
      const text = readClientFrame(sent.subarray(pong.length));
      assert.deepEqual([text.opcode, text.payload.toString(), text.masked], [0x1, 'a'.repeat(200), true]);
      ws.close();
    } finally {
      s.close();
    }
  });

  it('refuses addresses off the loopback interface and a wrong handshake', async () => {
    await assert.rejects(WebSocketClient.connect('ws://10.0.0.1:9229/x'), /only ws:\/\/ on the loopback/);
    const s = createServer((_, res) => res.writeHead(404).end());
    s.on('upgrade', (_req, socket: Socket) => socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: wrong\r\n\r\n'));
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
    try {
      await assert.rejects(WebSocketClient.connect(`ws://127.0.0.1:${(s.address() as AddressInfo).port}/`), /handshake wrongly/);
    } finally {
      s.close();
    }
  });
});
