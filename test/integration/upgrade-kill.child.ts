/**
 * The process the kill tests cut short (test/integration/upgrade-kill.test.ts), bundled by the test.
 * It opens a data folder as the app does, logs in, says "ready" and waits for a line on stdin; then
 * it does the work under test until it is killed:
 *   upgrade  <dir> <user> <password>         the first login on a plaintext folder (encrypts it)
 *   password <dir> <user> <password> <other> changes the password back and forth without end
 */
import readline from 'node:readline';
import { openApp } from '../../main/context';
import { dispatch } from '../../main/dispatch';
import { TEST_PASSWORD_COST } from '../helpers/app';

const [mode, dir, user, password, other] = process.argv.slice(2) as [string, string, string, string, string | undefined];
const quiet = { error: () => undefined };

async function main(): Promise<void> {
  const app = openApp({ dataDir: dir, transport: 'direct', passwordCost: TEST_PASSWORD_COST });
  const session = app.sessions.create(Date.now());
  if (mode === 'password') {
    const r = await dispatch(app, session, 'auth.login', { username: user, password }, {}, quiet);
    if (!r.ok) throw new Error(`login: ${r.error.code}`);
  }
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => readline.createInterface({ input: process.stdin }).once('line', () => resolve()));
  if (mode === 'upgrade') {
    // When the swap is committed (the last stage begins): the test aims half its kills after it.
    const go = performance.now();
    let said = false;
    session.subscribe((event, payload) => {
      if (event !== 'progress' || said || (payload as { stage: string }).stage !== 'progress.encryptFinish') return;
      said = true;
      process.stdout.write(`committed ${Math.round(performance.now() - go)}\n`);
    });
    const r = await dispatch(app, session, 'auth.login', { username: user, password }, {}, quiet);
    process.stdout.write(r.ok ? 'done\n' : `failed ${r.error.code}\n`);
    return;
  }
  let current = password;
  let next = other as string;
  for (let i = 0; ; i += 1) {
    const r = await dispatch(app, session, 'auth.changePassword', { currentPassword: current, newPassword: next }, {}, quiet);
    if (!r.ok) throw new Error(`change: ${r.error.code}`);
    [current, next] = [next, current];
    process.stdout.write(`changed ${i}\n`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exit(1);
  },
);
