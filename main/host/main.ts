/**
 * `node dist/main/host.js [--data-dir D] [--port P] [--help]`: starts browser mode and prints the address
 * (with its token) to open in a browser.
 */
import { openApp, closeApp } from '../context';
import { defaultDataDir } from '../paths';
import { startHost } from './server';
import { scheduleDailyBackups } from '../db/backup';
import { stopBackgroundWorker } from '../background/client';
import { checkpointInBackground } from '../background/checkpoint';
import { AppError } from '../../shared/errors';
import { keepNewFilesPrivate } from '../db/privacy';
import type { AppLog } from '../log';
import { parseHostArgs } from './args';

/**
 * The last net under the server's own per-request one: an error nothing caught is logged and
 * browser mode keeps serving. Every write runs in one SQLite transaction, so such an error cannot
 * leave half-written data, while ending the process would drop every open tab's work.
 */
function keepServingOnStrayErrors(log: AppLog): void {
  process.on('uncaughtException', (err) => log.error('Unexpected error; browser mode keeps running', err));
  process.on('unhandledRejection', (err) => log.error('Unexpected error; browser mode keeps running', err));
}

async function main(): Promise<void> {
  const args = parseHostArgs(process.argv.slice(2));
  if (args.kind === 'exit') {
    (args.code === 0 ? console.log : console.error)(args.text);
    process.exit(args.code);
  }
  keepNewFilesPrivate();
  const dataDir = args.dataDir ?? defaultDataDir();
  const port = args.port;
  const app = openApp({ dataDir, transport: 'browser' });
  keepServingOnStrayErrors(app.log);
  let host;
  try {
    host = await startHost({ app, port });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    host = await startHost({ app, port: 0 });
  }
  console.log(`浏览器模式已启动，请用浏览器打开 / Browser mode is running, open:\n  ${host.url}`);
  console.log(`数据文件夹 / data folder: ${dataDir}`);
  console.log(`日志文件 / log file: ${app.log.file}`);
  let stopBackups: () => void = () => undefined;
  let stopPlanning: () => void = () => undefined;
  let stopIdleCheck: () => void = () => undefined;
  const stop = async () => {
    stopBackups();
    stopPlanning();
    stopIdleCheck();
    await host.close();
    // Ends the worker's slice and closes its connection first: nothing is left for the next start to roll back.
    await stopBackgroundWorker(app);
    closeApp(app);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  // What is not needed for the first answer loads after it is possible: the keys check and the
  // scheduled work bring the packets' and the visit rules' code (and their libraries) with them.
  // They start once the services the server loads are in (the same module), so the first calls do
  // not wait behind a backup or a replanning. At a locked start the server loads them once the login
  // screen has its answers (main/host/server.ts).
  await host.servicesLoaded;
  const { checkOfficeKeys, keysProblemNotice } = await import('../services/packets/ownIdentity');
  const keysProblem = (app.isOpen ? checkOfficeKeys(app.db, app.dataDir, app.clock()) : null);
  if (keysProblem) console.error(`${keysProblem.code}: ${keysProblemNotice(keysProblem)}`);
  const { scheduleVisitPlanning } = await import('../services/visits/schedule');
  // The month's replanning and the daily backup's copy run on a worker thread with its own connection,
  // so no request waits behind them. For the startup bench, which measures the ways side by side in one
  // run: CADRECARE_BACKGROUND=main keeps them on this thread, in steps; =off starts neither (its floor).
  const mode = process.env['CADRECARE_BACKGROUND'];
  const background = { inWorker: mode !== 'main' };
  if (mode !== 'off') {
    // A long import's pages are copied from the WAL into the database file there too.
    if (background.inWorker) checkpointInBackground(app);
    stopBackups = scheduleDailyBackups(app, (err) => app.log.error('Daily backup failed', err), background);
    stopPlanning = scheduleVisitPlanning(app, (err) => app.log.error('Visit planning failed', err), background);
  }
  const { watchIdleSessions } = await import('../services/auth/unlock');
  stopIdleCheck = watchIdleSessions(app, (err) => app.log.error('Idle check failed', err));
}

main().catch((err: unknown) => {
  if (err instanceof AppError) console.error(`错误 ${err.code}: ${err.message}`);
  else console.error(err);
  process.exit(1);
});
