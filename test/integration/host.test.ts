import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../main/host/server';
import { openApp, closeApp, type AppContext } from '../../main/context';
import { tempDir, dumpDatabase, TEST_PASSWORD_COST } from '../helpers/app';
import { SETUP } from '../helpers/closed';
import { HTTP_SESSION_HEADER } from '../../shared/bridge';

/** Raw HTTP so the Host header can be set at will (fetch forbids it). */
function request(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

/**
 * Raw bytes to the host, for requests http.request refuses to send. Parts are written `gapMs`
 * apart (a slow client); `end` half-closes after the last one (a client that stops mid-body).
 * Resolves with whatever came back by the time the host closed or `waitMs` passed.
 */
function raw(port: number, parts: (string | Buffer)[], options: { gapMs?: number; waitMs?: number; end?: boolean } = {}): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1');
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    const timer = setTimeout(done, options.waitMs ?? 3000);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', done);
    // The host may close while the client still writes (a refused huge body): not a failure here.
    socket.on('error', () => undefined);
    socket.on('connect', () => {
      void (async () => {
        for (const part of parts) {
          if (socket.destroyed) return;
          socket.write(part);
          if (options.gapMs) await new Promise((r) => setTimeout(r, options.gapMs));
        }
        if (options.end) socket.end();
      })();
    });
  });
}

function statusOf(response: string): number | null {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(response);
  return m ? Number(m[1]) : null;
}

describe('browser-mode host', () => {
  let dir: string;
  let app: AppContext;
  let host: RunningHost;
  let rendererDir: string;
  const logged: string[] = [];

  beforeAll(async () => {
    dir = tempDir('cadrecare-host-');
    rendererDir = path.join(dir, 'renderer');
    fs.mkdirSync(rendererDir);
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>离退休干部社区服务管理</title>');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside');
    app = openApp({ dataDir: path.join(dir, 'data'), transport: 'browser', passwordCost: TEST_PASSWORD_COST });
    host = await startHost({ app, rendererDir, log: { error: (message) => logged.push(message) } });
  });
  afterAll(async () => {
    await host.close();
    closeApp(app);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** What a refused call must leave as it was: the rows once the office is open, the data folder's files while it is still locked. */
  const stateOf = (): unknown =>
    app.isOpen
      ? dumpDatabase(app)
      : { locked: true, files: fs.readdirSync(path.join(dir, 'data'), { recursive: true }).map(String).filter((f) => !f.startsWith('logs')).sort() };

  const rpc = (channel: string, input: unknown, headers: Record<string, string> = {}) =>
    request(host.port, {
      method: 'POST',
      path: `/rpc/${channel}`,
      headers: { host: `127.0.0.1:${host.port}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ input }),
    });

  it('listens on loopback only', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toContain(`token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses /rpc without the token, or with a wrong one, and runs nothing', async () => {
    const before = stateOf();
    const none = await rpc('setup.create', SETUP);
    expect(none.status).toBe(401);
    const wrong = await rpc('setup.create', SETUP, { authorization: `Bearer ${'x'.repeat(host.token.length)}` });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(stateOf()).toEqual(before);
  });

  it('refuses another Host name (DNS rebinding) and non-JSON posts', async () => {
    const rebind = await request(host.port, { path: '/', headers: { host: 'evil.example:80' } });
    expect(rebind.status).toBe(421);
    const form = await rpc('app.info', {}, { authorization: `Bearer ${host.token}`, 'content-type': 'text/plain' });
    expect(form.status).toBe(415);
  });

  it('runs calls with the token, keeps the login in a session of its own', async () => {
    const auth = { authorization: `Bearer ${host.token}` };
    const setup = await rpc('setup.create', SETUP, auth);
    expect(setup.status).toBe(200);
    const session = setup.headers[HTTP_SESSION_HEADER] as string;
    expect(session).toBeTruthy();
    expect(JSON.parse(setup.body)).toMatchObject({ ok: true, value: { user: { username: 'admin' } } });
    const users = await rpc('users.list', {}, { ...auth, [HTTP_SESSION_HEADER]: session });
    expect(JSON.parse(users.body)).toMatchObject({ ok: true });
    // Another client without that session is not logged in.
    const other = await rpc('users.list', {}, auth);
    expect(JSON.parse(other.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('answers a body that is not a JSON object (null, a list, a number) 400 INVALID_INPUT, like the input inside one', async () => {
    const auth = { authorization: `Bearer ${host.token}`, host: `127.0.0.1:${host.port}`, 'content-type': 'application/json' };
    const before = stateOf();
    for (const body of ['null', '[]', '42', '"x"', 'true', '[{"input":{}}]']) {
      for (const channel of ['app.info', 'setup.create', 'users.list']) {
        const r = await request(host.port, { method: 'POST', path: `/rpc/${channel}`, headers: auth, body });
        expect({ body, channel, status: r.status }).toEqual({ body, channel, status: 400 });
        expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('JSON object') } });
      }
    }
    const inner = await request(host.port, { method: 'POST', path: '/rpc/app.info', headers: auth, body: '{"input":null}' });
    expect(inner.status).toBe(200);
    expect(JSON.parse(inner.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(stateOf()).toEqual(before);
  });

  it('serves the renderer with the CSP, and nothing outside its folder', async () => {
    const page = await request(host.port, { path: '/', headers: { host: `127.0.0.1:${host.port}` } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('离退休干部社区服务管理');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const escape = await request(host.port, { path: '/..%2fsecret.txt', headers: { host: `127.0.0.1:${host.port}` } });
    expect(escape.status).toBe(404);
    expect(escape.body).not.toContain('outside');
  });

  it('streams events only with the token and a known session', async () => {
    const bad = await request(host.port, { path: `/events?token=nope&session=x`, headers: { host: `127.0.0.1:${host.port}` } });
    expect(bad.status).toBe(401);
  });

  describe('survives malformed requests', () => {
    const hostLine = () => `Host: 127.0.0.1:${host.port}`;
    const get = (target: string, extra = '') => `GET ${target} HTTP/1.1\r\n${hostLine()}\r\n${extra}Connection: close\r\n\r\n`;
    const post = (channel: string, body: string, extra = '') =>
      `POST /rpc/${channel} HTTP/1.1\r\n${hostLine()}\r\nAuthorization: Bearer ${host.token}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n${extra}Connection: close\r\n\r\n${body}`;

    /** Each case: what is sent and the statuses allowed back (null: the host may just close). */
    const cases = (): { name: string; parts: (string | Buffer)[]; expect: (number | null)[]; options?: { gapMs?: number; end?: boolean } }[] => [
      // Paths: bad percent-encoding, overlong UTF-8, NUL, traversal in many spellings, length.
      { name: 'lone %c0', parts: [get('/%c0')], expect: [400] },
      { name: 'overlong slash', parts: [get('/..%c0%af..')], expect: [400] },
      { name: 'overlong slash alone', parts: [get('/%c0%af')], expect: [400] },
      { name: 'overlong 3-byte slash', parts: [get('/%e0%80%af..%e0%80%af')], expect: [400] },
      { name: 'invalid byte', parts: [get('/%ff')], expect: [400] },
      { name: 'surrogate half', parts: [get('/%ed%a0%80')], expect: [400] },
      { name: 'truncated escape', parts: [get('/%')], expect: [400] },
      { name: 'non-hex escape', parts: [get('/%zz/index.html')], expect: [400] },
      { name: 'encoded NUL', parts: [get('/index.html%00.png')], expect: [400] },
      { name: 'raw NUL', parts: [`GET /in\0dex.html HTTP/1.1\r\n${hostLine()}\r\nConnection: close\r\n\r\n`], expect: [400, null] },
      { name: 'rpc channel with bad escape', parts: [post('%c0', '{}')], expect: [400] },
      { name: 'events with bad escape', parts: [get('/events%c0?token=x')], expect: [400] },
      { name: 'dot-dot encoded slash', parts: [get('/..%2f..%2fsecret.txt')], expect: [404] },
      { name: 'encoded dots', parts: [get('/%2e%2e/%2e%2e/secret.txt')], expect: [404] },
      { name: 'double-encoded dots', parts: [get('/%252e%252e%252fsecret.txt')], expect: [404] },
      { name: 'backslashes', parts: [get('/..%5c..%5csecret.txt')], expect: [404] },
      { name: 'raw dot-dot', parts: [get('/../../secret.txt')], expect: [404] },
      { name: 'double slash', parts: [get('//etc/passwd')], expect: [404] },
      { name: 'asterisk', parts: [get('*')], expect: [400] },
      { name: 'absolute form', parts: [get(`http://[::1`)], expect: [400, null] },
      { name: 'long path', parts: [get(`/${'a'.repeat(5000)}`)], expect: [400] },
      { name: 'very long path', parts: [get(`/${'%c0'.repeat(20_000)}`)], expect: [400, 414, 431, null] },
      { name: 'raw UTF-8 path', parts: [Buffer.concat([Buffer.from('GET /'), Buffer.from([0xc0, 0xaf, 0xff]), Buffer.from(` HTTP/1.1\r\n${hostLine()}\r\nConnection: close\r\n\r\n`)])], expect: [400, 404, null] },
      // Methods.
      { name: 'DELETE', parts: [`DELETE / HTTP/1.1\r\n${hostLine()}\r\nConnection: close\r\n\r\n`], expect: [405] },
      { name: 'PROPFIND', parts: [`PROPFIND / HTTP/1.1\r\n${hostLine()}\r\nConnection: close\r\n\r\n`], expect: [405] },
      { name: 'OPTIONS preflight', parts: [`OPTIONS /rpc/app.info HTTP/1.1\r\n${hostLine()}\r\nOrigin: http://evil.example\r\nConnection: close\r\n\r\n`], expect: [405] },
      { name: 'garbage method', parts: [`FROB / HTTP/1.1\r\n${hostLine()}\r\n\r\n`], expect: [400, null] },
      { name: 'binary method', parts: [Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03])], expect: [400, null] },
      { name: 'CONNECT', parts: [`CONNECT 127.0.0.1:${host.port} HTTP/1.1\r\n${hostLine()}\r\n\r\n`], expect: [400, null] },
      // Headers.
      { name: 'no Host', parts: ['GET / HTTP/1.1\r\nConnection: close\r\n\r\n'], expect: [400, 421] },
      { name: 'HTTP/1.0 without Host', parts: ['GET / HTTP/1.0\r\n\r\n'], expect: [421] },
      { name: 'two Host headers', parts: [`GET / HTTP/1.1\r\n${hostLine()}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`], expect: [400] },
      { name: 'two Host headers, evil first', parts: [`GET / HTTP/1.1\r\nHost: evil.example\r\n${hostLine()}\r\nConnection: close\r\n\r\n`], expect: [400] },
      { name: 'huge Host', parts: [`GET / HTTP/1.1\r\nHost: ${'h'.repeat(20_000)}\r\n\r\n`], expect: [431, 400, null] },
      { name: 'long Host', parts: [`GET / HTTP/1.1\r\nHost: ${'h'.repeat(8000)}\r\nConnection: close\r\n\r\n`], expect: [421] },
      { name: 'many headers', parts: [`GET / HTTP/1.1\r\n${hostLine()}\r\n${'X-A: b\r\n'.repeat(3000)}Connection: close\r\n\r\n`], expect: [200, 431, 400, null] },
      { name: 'header without colon', parts: [`GET / HTTP/1.1\r\n${hostLine()}\r\nnocolon\r\n\r\n`], expect: [400, null] },
      { name: 'control byte in header', parts: [`GET / HTTP/1.1\r\n${hostLine()}\r\nX-A: a\x01b\r\n\r\n`], expect: [400, null] },
      { name: 'bad Content-Length', parts: [`POST /rpc/app.info HTTP/1.1\r\n${hostLine()}\r\nContent-Length: abc\r\n\r\n{}`], expect: [400, null] },
      { name: 'negative Content-Length', parts: [`POST /rpc/app.info HTTP/1.1\r\n${hostLine()}\r\nContent-Length: -1\r\n\r\n{}`], expect: [400, null] },
      { name: 'two Content-Lengths', parts: [`POST /rpc/app.info HTTP/1.1\r\n${hostLine()}\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\n{}`], expect: [400, null] },
      { name: 'Content-Length with chunked', parts: [`POST /rpc/app.info HTTP/1.1\r\n${hostLine()}\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}`], expect: [400, null] },
      { name: 'chunked garbage', parts: [`POST /rpc/app.info HTTP/1.1\r\n${hostLine()}\r\nAuthorization: Bearer ${host.token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n`], expect: [400, null] },
      { name: 'chunk longer than said', parts: [`POST /rpc/app.info HTTP/1.1\r\n${hostLine()}\r\nAuthorization: Bearer ${host.token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{"input":{}}\r\n0\r\n\r\n`], expect: [400, null] },
      // Bodies.
      { name: 'invalid JSON', parts: [post('app.info', '{"input":')], expect: [400] },
      { name: 'invalid UTF-8 body', parts: [Buffer.concat([Buffer.from(post('app.info', '').replace('Content-Length: 0', 'Content-Length: 3')), Buffer.from([0xc0, 0xaf, 0xff])])], expect: [400] },
      { name: 'deeply nested JSON', parts: [post('app.info', `{"input":${'['.repeat(50_000)}${']'.repeat(50_000)}}`)], expect: [200] },
      { name: 'declared huge body', parts: [`POST /rpc/app.info HTTP/1.1\r\n${hostLine()}\r\nAuthorization: Bearer ${host.token}\r\nContent-Type: application/json\r\nContent-Length: ${20 * 1024 * 1024}\r\n\r\n{`], expect: [413] },
      {
        name: 'streamed huge body',
        parts: [
          `POST /rpc/app.info HTTP/1.1\r\n${hostLine()}\r\nAuthorization: Bearer ${host.token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
          ...Array.from({ length: 18 }, () => `100000\r\n${' '.repeat(0x100000)}\r\n`),
        ],
        expect: [413, null],
      },
      {
        name: 'truncated body',
        parts: [`POST /rpc/app.info HTTP/1.1\r\n${hostLine()}\r\nAuthorization: Bearer ${host.token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"input":`],
        expect: [400, null],
        options: { end: true },
      },
      { name: 'slow body', parts: post('app.info', '{"input":{}}').match(/[\s\S]{1,12}/g) ?? [], expect: [200], options: { gapMs: 20 } },
    ];

    it('answers each with a refusal, never a 500, and keeps serving', async () => {
      const before = stateOf();
      const list = cases();
      const answers = await Promise.all(list.map((c) => raw(host.port, c.parts, c.options)));
      const seen = list.map((c, i) => ({ name: c.name, status: statusOf(answers[i] ?? '') }));
      const unexpected = seen.filter((s, i) => !(list[i]?.expect ?? []).includes(s.status));
      expect(unexpected).toEqual([]);
      expect(stateOf()).toEqual(before);
      // The good requests still work afterwards.
      const page = await request(host.port, { path: '/', headers: { host: `127.0.0.1:${host.port}` } });
      expect(page.status).toBe(200);
      const info = await rpc('app.info', {}, { authorization: `Bearer ${host.token}` });
      expect(JSON.parse(info.body)).toMatchObject({ ok: true });
      expect(logged).toEqual([]);
    });

    it('a bad path from another page (an <img> on another local origin) gets 400, and the host lives on', async () => {
      const img = await request(host.port, { path: '/%c0', headers: { host: `127.0.0.1:${host.port}`, referer: 'http://127.0.0.1:8080/' } });
      expect(img.status).toBe(400);
      expect(img.body).toContain('not a valid path');
      const page = await request(host.port, { path: '/', headers: { host: `127.0.0.1:${host.port}` } });
      expect(page.status).toBe(200);
    });

    it('answers a failure of its own code 500, logs it, and keeps serving', async () => {
      const get = app.sessions.get.bind(app.sessions);
      const clock = app.clock;
      logged.length = 0;
      try {
        // Thrown while the request callback runs (the events stream looks its session up at once).
        app.sessions.get = () => {
          throw new Error('boom in a request callback');
        };
        const sync = await request(host.port, { path: `/events?token=${host.token}&session=x`, headers: { host: `127.0.0.1:${host.port}` } });
        expect(sync.status).toBe(500);
        expect(JSON.parse(sync.body)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
        // Thrown after an await (the RPC path reads the body first).
        app.clock = () => {
          throw new Error('boom after an await');
        };
        const later = await rpc('app.info', {}, { authorization: `Bearer ${host.token}` });
        expect(later.status).toBe(500);
      } finally {
        app.sessions.get = get;
        app.clock = clock;
      }
      expect(logged).toHaveLength(2);
      const info = await rpc('app.info', {}, { authorization: `Bearer ${host.token}` });
      expect(JSON.parse(info.body)).toMatchObject({ ok: true });
    });
  });
});
