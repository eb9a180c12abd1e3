/**
 * Browser mode: the same renderer and the same services over HTTP on 127.0.0.1, for development
 * and tests where the Electron binary is not available. It is not a network server: it listens on
 * loopback only, checks the Host header, and runs nothing without the random token made at start.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { AppContext } from '../context';
import { dispatch } from '../dispatch';
import type { Session } from '../auth/session';
import { HTTP_EVENTS_PATH, HTTP_RPC_PREFIX, HTTP_SESSION_HEADER } from '../../shared/bridge';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';
import type { Result } from '../../shared/errors';

export interface HostOptions {
  app: AppContext;
  /** 0 picks a free port. */
  port?: number;
  rendererDir?: string;
  /** Fixed token for tests; normally random per start. */
  token?: string;
}

export interface RunningHost {
  url: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 16 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

export function defaultRendererDir(): string {
  return path.resolve('dist', 'renderer');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

function refuse(res: http.ServerResponse, status: number, message: string): void {
  const body: Result<never> = { ok: false, error: { code: 'UNAUTHENTICATED', message } };
  sendJson(res, status, body);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const { app } = options;
  const token = options.token ?? randomBytes(32).toString('base64url');
  const rendererDir = path.resolve(options.rendererDir ?? defaultRendererDir());
  const eventStreams = new Set<http.ServerResponse>();
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const bearerOk = (req: http.IncomingMessage) => {
    const header = req.headers.authorization ?? '';
    return header.startsWith('Bearer ') && sameSecret(header.slice('Bearer '.length), token);
  };

  const sessionFor = (req: http.IncomingMessage): { session: Session; isNew: boolean } => {
    const id = req.headers[HTTP_SESSION_HEADER];
    const existing = typeof id === 'string' ? app.sessions.get(id) : undefined;
    if (existing) return { session: existing, isNew: false };
    return { session: app.sessions.create(app.clock().getTime()), isNew: true };
  };

  async function handleRpc(req: http.IncomingMessage, res: http.ServerResponse, channel: string): Promise<void> {
    if (!bearerOk(req)) return refuse(res, 401, 'Missing or wrong token.');
    // JSON only: a cross-site form cannot send it without a preflight, which this host never grants.
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, 'JSON only.');
    let body: { input?: unknown; taskId?: unknown };
    try {
      const text = await readBody(req);
      body = text.length === 0 ? {} : (JSON.parse(text) as typeof body);
    } catch {
      return sendJson(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'The request is not valid JSON.' } });
    }
    const { session, isNew } = sessionFor(req);
    const taskId = typeof body.taskId === 'string' ? body.taskId.slice(0, 64) : undefined;
    const result = await dispatch(app, session, channel, body.input, taskId ? { taskId } : {});
    sendJson(res, 200, result, isNew ? { [HTTP_SESSION_HEADER]: session.id } : {});
  }

  function handleEvents(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    const given = url.searchParams.get('token') ?? '';
    if (!sameSecret(given, token)) return refuse(res, 401, 'Missing or wrong token.');
    const session = app.sessions.get(url.searchParams.get('session') ?? '');
    if (!session) return refuse(res, 404, 'Unknown session.');
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    eventStreams.add(res);
    const unsubscribe = session.subscribe((event, payload) => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    keepAlive.unref();
    req.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      eventStreams.delete(res);
    });
  }

  function handleStatic(res: http.ServerResponse, url: URL): void {
    const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = path.resolve(rendererDir, `.${relative}`);
    if (!file.startsWith(rendererDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(fs.existsSync(path.join(rendererDir, 'index.html')) ? 'Not found' : '界面尚未构建：请先运行 npm run build / The renderer is not built: run npm run build');
      return;
    }
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'cache-control': 'no-cache',
    });
    fs.createReadStream(file).pipe(res);
  }

  const server = http.createServer((req, res) => {
    // DNS rebinding: a page on another name that resolves to 127.0.0.1 must not reach the app.
    if (!allowedHosts().has(req.headers.host ?? '')) {
      res.writeHead(421, { 'content-type': 'text/plain' });
      res.end('Misdirected request');
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (req.method === 'POST' && url.pathname.startsWith(HTTP_RPC_PREFIX)) {
      const channel = decodeURIComponent(url.pathname.slice(HTTP_RPC_PREFIX.length));
      handleRpc(req, res, channel).catch(() => {
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Request failed.' } });
      });
      return;
    }
    if (req.method === 'GET' && url.pathname === HTTP_EVENTS_PATH) return handleEvents(req, res, url);
    if (req.method === 'GET' || req.method === 'HEAD') return handleStatic(res, url);
    res.writeHead(405, { allow: 'GET, POST' });
    res.end();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}#/`,
    origin,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of eventStreams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
