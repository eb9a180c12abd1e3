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
import type { AppLog } from '../log';
import type { Session } from '../auth/session';
import { HTTP_EVENTS_PATH, HTTP_RPC_PREFIX, HTTP_SESSION_HEADER } from '../../shared/bridge';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';
import type { Result } from '../../shared/errors';
import { CLOSED_ANSWERED, closedAppInfo, closedSession } from '../services/auth/closedAnswers';

export interface HostOptions {
  app: AppContext;
  /** 0 picks a free port. */
  port?: number;
  rendererDir?: string;
  /** Fixed token for tests; normally random per start. */
  token?: string;
  /** Where failures of the host itself are reported; the app's log by default. */
  log?: HostLog;
}

export type HostLog = Pick<AppLog, 'error'>;

export interface RunningHost {
  url: string;
  origin: string;
  token: string;
  port: number;
  /**
   * Settles once dispatch and the services behind it are loaded. They load after the login screen
   * has had its answers at a locked start (or at the first call that needs them, or after a moment
   * without a browser): loading them holds the event loop, and the login form would wait for it.
   */
  servicesLoaded: Promise<void>;
  close(): Promise<void>;
}

type Dispatch = (typeof import('../dispatch'))['dispatch'];

let dispatchLoad: Promise<Dispatch> | null = null;
let dispatchLoaded: Dispatch | null = null;

/**
 * dispatch and everything behind it (the contract's schemas, every service and its libraries) load
 * after the host listens: the page and its scripts are served meanwhile, and the first call waits
 * only for what is left of the load.
 */
function loadDispatch(): Promise<Dispatch> {
  dispatchLoad ??= import('../dispatch').then((m) => (dispatchLoaded = m.dispatch));
  return dispatchLoad;
}

/** How long the host waits for the login screen's questions before it loads the services anyway (the password takes longer to type). */
const SERVICES_AFTER_MS = 1500;

const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** The renderer's paths are short; anything longer is not a request this host's pages make. */
const MAX_TARGET_LENGTH = 4096;

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

function invalidInput(res: http.ServerResponse, message: string): void {
  const body: Result<never> = { ok: false, error: { code: 'INVALID_INPUT', message } };
  sendJson(res, 400, body);
}

function sendText(res: http.ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', ...headers });
  res.end(text);
}

/** Answers and then drops the connection, for a client whose body the host will not read. */
function sendAndClose(res: http.ServerResponse, send: () => void): void {
  // Node closes the connection after a response that may not keep it alive.
  res.shouldKeepAlive = false;
  send();
}

interface Target {
  /** The path as sent (still percent-encoded). */
  rawPath: string;
  /** The path decoded: valid UTF-8, no NUL. */
  path: string;
  query: URLSearchParams;
}

/**
 * The request target as a decoded path and a query, or null when it is not one this host could
 * have made: not a path, bad percent-encoding, overlong or invalid UTF-8 (`%c0%af`), a NUL.
 */
export function parseTarget(raw: string | undefined): Target | null {
  if (raw === undefined || !raw.startsWith('/') || raw.length > MAX_TARGET_LENGTH) return null;
  let url: URL;
  try {
    // Prefixed rather than resolved against a base, so `//other/x` stays a path on this host.
    url = new URL(`http://127.0.0.1${raw}`);
  } catch {
    return null;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  return { rawPath: url.pathname, path: decoded, query: url.searchParams };
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > MAX_BODY_BYTES) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        chunks.length = 0;
        settle(() => reject(new BodyTooLarge()));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => settle(() => resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', (err) => settle(() => reject(err)));
    // A client that goes away before the end of its body.
    req.on('close', () => settle(() => reject(new Error('The request body was cut off.'))));
  });
}

/**
 * The parsed body of an RPC call, or null when it is not a JSON object: `null`, `[]` or `42` are
 * bad input like any other, not a failure of the host.
 */
function parseRpcBody(text: string): { input?: unknown; taskId?: unknown } | null {
  if (text.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  return parsed as { input?: unknown; taskId?: unknown };
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const { app } = options;
  const log = options.log ?? app.log;
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
    const now = app.clock().getTime();
    const existing = typeof id === 'string' ? app.sessions.get(id, now) : undefined;
    if (existing) return { session: existing, isNew: false };
    // A client without a session (or whose session expired) gets a new one that expires in turn.
    return { session: app.sessions.create(now, { expires: true }), isNew: true };
  };

  /**
   * The login screen's questions at a locked start, while dispatch is still loading: answered as
   * dispatch would answer them with the database closed, so the login form shows without waiting
   * for every service's code. Null once dispatch is in, or for anything else.
   */
  let loginScreenDone: () => void = () => undefined;
  const loginScreenAnswered = new Promise<void>((resolve) => (loginScreenDone = resolve));
  const closedAnswer = (session: Session, channel: string): Result<unknown> | null => {
    if (dispatchLoaded || app.isOpen || !CLOSED_ANSWERED.has(channel)) {
      loginScreenDone();
      return null;
    }
    // auth.session is the login screen's last question (renderer/App.tsx).
    if (channel === 'auth.session') setImmediate(loginScreenDone);
    return { ok: true, value: channel === 'app.info' ? closedAppInfo(app) : closedSession(session) };
  };

  async function handleRpc(req: http.IncomingMessage, res: http.ServerResponse, channel: string): Promise<void> {
    if (!bearerOk(req)) return refuse(res, 401, 'Missing or wrong token.');
    // JSON only: a cross-site form cannot send it without a preflight, which this host never grants.
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, 'JSON only.');
    let text: string;
    try {
      text = await readBody(req);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        return sendAndClose(res, () =>
          sendJson(res, 413, { ok: false, error: { code: 'INVALID_INPUT', message: 'The request is larger than the host accepts.' } }),
        );
      }
      // The client went away mid-body: nobody is left to answer.
      if (!res.headersSent) sendAndClose(res, () => invalidInput(res, 'The request body was cut off.'));
      return;
    }
    const body = parseRpcBody(text);
    if (body === null) return invalidInput(res, 'The request body must be a JSON object such as {"input": {}}.');
    const { session, isNew } = sessionFor(req);
    const taskId = typeof body.taskId === 'string' ? body.taskId.slice(0, 64) : undefined;
    const result = closedAnswer(session, channel) ?? (await (dispatchLoaded ?? (await loadDispatch()))(app, session, channel, body.input, taskId ? { taskId } : {}));
    // A new session, or a new id for this one (every login takes one): the client keeps it from now on.
    const changed = isNew || session.id !== req.headers[HTTP_SESSION_HEADER];
    sendJson(res, 200, result, changed ? { [HTTP_SESSION_HEADER]: session.id } : {});
  }

  function handleEvents(req: http.IncomingMessage, res: http.ServerResponse, query: URLSearchParams): void {
    const given = query.get('token') ?? '';
    if (!sameSecret(given, token)) return refuse(res, 401, 'Missing or wrong token.');
    const session = app.sessions.get(query.get('session') ?? '', app.clock().getTime());
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
      // The tab was there until now: its idle time starts here, so a stream that reconnects finds it.
      session.lastSeen = Math.max(session.lastSeen, app.clock().getTime());
    });
  }

  function handleStatic(req: http.IncomingMessage, res: http.ServerResponse, target: Target): void {
    const relative = target.path === '/' ? '/index.html' : target.path;
    const file = path.resolve(rendererDir, `.${relative}`);
    let isFile = false;
    if (file.startsWith(rendererDir + path.sep)) {
      try {
        isFile = fs.statSync(file).isFile();
      } catch {
        isFile = false;
      }
    }
    if (!isFile) {
      sendText(res, 404, fs.existsSync(path.join(rendererDir, 'index.html')) ? 'Not found' : '界面尚未构建：请先运行 npm run build / The renderer is not built: run npm run build');
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
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = fs.createReadStream(file);
    // A file that vanishes or cannot be read after the headers went out: cut the response short.
    stream.on('error', (err) => {
      log.error(`Browser mode could not read ${relative}`, err);
      res.destroy();
    });
    stream.pipe(res);
  }

  function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> | void {
    // HTTP/1.1 asks for exactly one Host; two could let a rebinding page slip a second one past.
    const hostHeaders = req.rawHeaders.filter((_, i) => i % 2 === 0 && req.rawHeaders[i]?.toLowerCase() === 'host').length;
    if (hostHeaders > 1) return sendText(res, 400, 'Bad request: more than one Host header');
    // DNS rebinding: a page on another name that resolves to 127.0.0.1 must not reach the app.
    if (!allowedHosts().has(req.headers.host ?? '')) return sendText(res, 421, 'Misdirected request');
    const target = parseTarget(req.url);
    if (target === null) return sendText(res, 400, 'Bad request: the address is not a valid path');
    if (req.method === 'POST' && target.rawPath.startsWith(HTTP_RPC_PREFIX)) {
      return handleRpc(req, res, target.path.slice(HTTP_RPC_PREFIX.length));
    }
    if (req.method === 'GET' && target.path === HTTP_EVENTS_PATH) return handleEvents(req, res, target.query);
    if (req.method === 'GET' || req.method === 'HEAD') return handleStatic(req, res, target);
    sendText(res, 405, 'Method not allowed', { allow: 'GET, HEAD, POST' });
  }

  /** A failure of the host's own code: logged, answered 500, and the host keeps serving. */
  function failed(req: http.IncomingMessage, res: http.ServerResponse, err: unknown): void {
    log.error(`Browser mode failed to answer ${req.method ?? '?'} ${(req.url ?? '').slice(0, 200)}`, err);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Request failed.' } });
  }

  const server = http.createServer((req, res) => {
    // A client that goes away mid-request is not the app's failure; without a listener its error would end the process.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    try {
      const pending = route(req, res);
      if (pending) pending.catch((err: unknown) => failed(req, res, err));
    } catch (err) {
      failed(req, res, err);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  // A failure to load shows at the first call, answered as the host's own failure there.
  const servicesLoaded = Promise.race([loginScreenAnswered, new Promise((resolve) => setTimeout(resolve, SERVICES_AFTER_MS).unref())])
    .then(() => loadDispatch())
    .then(
      () => undefined,
      (err: unknown) => log.error('Browser mode could not load its services', err),
    );
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}#/`,
    origin,
    token,
    port,
    servicesLoaded,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of eventStreams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
