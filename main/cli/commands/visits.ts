/** `cadrecare visits plan`: rolls the visit plans forward, as the app does at start (visits.replanAll). */
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../../db/audit';
import { toDateString } from '../../../shared/dates';
import { replanAll } from '../../services/visits/planning';
import { DATA_DIR_HELP, requireOffice, resolveDataDir, withApp } from '../support';
import type { CliIo } from '../io';

interface PlanOptions {
  dataDir: string;
  force?: boolean;
}

export function register(program: Command, io: CliIo): void {
  const visits = program.command('visits').summary('走访计划 / visit plans').description('走访计划 / visit plans');

  visits
    .command('plan')
    .description(
      '按走访规则为本月尚未更新的人员生成走访计划（--force：全部人员重新生成）。已完成的走访不会改变。\n' +
        'Plans visits from the rules for persons not yet planned this month (--force: everyone). Done visits never change.',
    )
    .requiredOption('--data-dir <dir>', DATA_DIR_HELP)
    .option('--force', '全部人员重新生成 / replan every person')
    .action(async (opts: PlanOptions) => {
      const dataDir = resolveDataDir(opts.dataDir);
      const result = await withApp(dataDir, 'existing', async (app) => {
        const office = requireOffice(app.db);
        const now = app.clock();
        return replanAll(app.db, { actor: SYSTEM_ACTOR, officeId: office.id, at: now.toISOString() }, toDateString(now), { force: opts.force === true });
      });
      io.success(result, [
        `已更新 ${result.persons} 人的走访计划：新增 ${result.created}，调整 ${result.rescheduled}，取消 ${result.cancelled}，恢复 ${result.reopened}。`,
      ]);
    });
}
