import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../main/host/server';
import { openApp, closeApp, type AppContext } from '../../main/context';
import { tempDir, dumpDatabase, ADMIN_PASSWORD } from '../helpers/app';
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

describe('browser-mode host', () => {
  let dir: string;
  let app: AppContext;
  let host: RunningHost;
  let rendererDir: string;

  beforeAll(async () => {
    dir = tempDir('cadrecare-host-');
    rendererDir = path.join(dir, 'renderer');
    fs.mkdirSync(rendererDir);
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>离退休干部社区服务管理</title>');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside');
    app = openApp({ dataDir: path.join(dir, 'data'), transport: 'browser' });
    host = await startHost({ app, rendererDir });
  });
  afterAll(async () => {
    await host.close();
    closeApp(app);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const rpc = (channel: string, input: unknown, headers: Record<string, string> = {}) =>
    request(host.port, {
      method: 'POST',
      path: `/rpc/${channel}`,
      headers: { host: `127.0.0.1:${host.port}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ input }),
    });

  const setupInput = {
    officeName: '幸福里社区',
    areaCode: '140702001001',
    mode: 'community',
    adminUsername: 'admin',
    adminDisplayName: '王主任',
    adminPassword: ADMIN_PASSWORD,
  };

  it('listens on loopback only', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toContain(`token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses /rpc without the token, or with a wrong one, and runs nothing', async () => {
    const before = dumpDatabase(app);
    const none = await rpc('setup.create', setupInput);
    expect(none.status).toBe(401);
    const wrong = await rpc('setup.create', setupInput, { authorization: `Bearer ${'x'.repeat(host.token.length)}` });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(dumpDatabase(app)).toEqual(before);
  });

  it('refuses another Host name (DNS rebinding) and non-JSON posts', async () => {
    const rebind = await request(host.port, { path: '/', headers: { host: 'evil.example:80' } });
    expect(rebind.status).toBe(421);
    const form = await rpc('app.info', {}, { authorization: `Bearer ${host.token}`, 'content-type': 'text/plain' });
    expect(form.status).toBe(415);
  });

  it('runs calls with the token, keeps the login in a session of its own', async () => {
    const auth = { authorization: `Bearer ${host.token}` };
    const setup = await rpc('setup.create', setupInput, auth);
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
});
