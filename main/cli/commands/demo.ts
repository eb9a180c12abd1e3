/**
 * `cadrecare demo`: fills an office that is already set up with generated persons (the seeded
 * generator of bench/generator), for demonstrations, training and trying the app at a realistic
 * size. Everything is written through the same service functions as the app, with the audit log,
 * in one transaction: it all lands, or nothing does.
 */
import { z } from 'zod';
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../../db/audit';
import { toDateString } from '../../../shared/dates';
import { fillDatabase, type InsertCounts } from '../../../bench/generator/index';
import { fillOrganisedLife, type OrganisedCounts } from '../../../bench/generator/organised';
import { DEMO_WORKER_PASSWORD, fillVisitHistory, type HistoryCounts } from '../../../bench/generator/history';
import { DATA_DIR_HELP, requireOffice, resolveDataDir, validate, withApp } from '../support';
import type { CliIo } from '../io';

export const DEMO_MAX_PERSONS = 200_000;

interface DemoOptions {
  dataDir: string;
  persons: string;
  seed: string;
  /** False with --no-organised-life. */
  organisedLife: boolean;
  /** False with --no-history: otherwise (the default) the office has worked since 1 January of last year. */
  history?: boolean;
}

const wholeNumber = (min: number, max: number, message: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,10}$/, { message })
    .transform(Number)
    .pipe(z.number().int().min(min, { message }).max(max, { message }));

const demoInputSchema = z.object({
  persons: wholeNumber(1, DEMO_MAX_PERSONS, `人数应为 1–${DEMO_MAX_PERSONS} 的整数 / a whole number from 1 to ${DEMO_MAX_PERSONS}`),
  seed: wholeNumber(0, 2 ** 31 - 1, '种子应为非负整数 / a whole number, 0 or more'),
});

export interface DemoResult {
  dataDir: string;
  office: string;
  seed: number;
  persons: number;
  created: InsertCounts;
  /** Units, branches, activities, volunteers and pairs; null with --no-organised-life or when the office has them already. */
  organised: OrganisedCounts | null;
  /** 'skipped': the office already had an organised life, left as it was. */
  organisedLife: 'filled' | 'skipped' | 'off';
  /** Unless --no-history: grid workers, assignments, visits made and requests raised since 1 January of last year. */
  history: HistoryCounts | null;
  /** Persons on the register (every status) after the fill. */
  registered: number;
  ms: number;
}

export function register(program: Command, io: CliIo): void {
  program
    .command('demo')
    .summary('填充演示数据 / fill the office with generated demo data')
    .description(
      '为已初始化的办公室生成演示人员：姓名、身份证号、电话、原单位、住址网格、健康档案、能力评估、家属联系人。\n' +
        '同一种子生成同样的数据。全部写入在一个事务中完成，失败时不留痕迹。\n' +
        'Fills an office that is already set up with generated persons and their health archives and families.\n' +
        'The same seed gives the same persons; everything is written in one transaction.',
    )
    .requiredOption('--data-dir <dir>', DATA_DIR_HELP)
    .requiredOption('--persons <n>', `生成的人数（1–${DEMO_MAX_PERSONS}）/ how many persons`)
    .option('--seed <s>', '随机种子 / seed', '1')
    .option('--no-organised-life', '不生成原单位、党组织、活动、志愿服务和结对帮扶 / persons only')
    // A believable office by default: grids by address, a grid worker (with a login) per grid, every
    // person assigned, a history of visits with some overdue, needs in every state.
    .option('--no-history', '不生成工作记录（网格、网格员、分片包干、走访、服务需求）/ persons without a working history')
    .option('--history', '（默认即生成）自去年 1 月 1 日起的工作记录 / a working history since 1 January of last year (the default)')
    .action(async (opts: DemoOptions) => {
      const dataDir = resolveDataDir(opts.dataDir);
      const input = validate(demoInputSchema, { persons: opts.persons, seed: opts.seed }, { persons: '--persons', seed: '--seed' });
      const result = await withApp(dataDir, 'existing', (app): DemoResult => {
        const office = requireOffice(app.db);
        const now = app.clock();
        // Generated ID numbers avoid those already registered, so a second run adds rather than collides.
        const taken = new Set(
          (app.db.prepare('SELECT id_number FROM persons WHERE deleted_at IS NULL').all() as { id_number: string }[]).map((r) => r.id_number),
        );
        // The working history is made once, for an office without grids: a second run only adds persons.
        const hasGrids = (app.db.prepare('SELECT count(*) AS n FROM grids WHERE deleted_at IS NULL').get() as { n: number }).n > 0;
        // A larger page cache for the bulk write; the connection closes when the command ends.
        app.db.pragma('cache_size = -262144');
        const ctx = { actor: SYSTEM_ACTOR, officeId: office.id, at: now.toISOString() };
        const started = performance.now();
        // One transaction for persons and their organised life: it all lands, or nothing does.
        const { counts, organised, organisedLife, history } = app.db.transaction(() => {
          const fill = fillDatabase(app.db, ctx, {
            seed: input.seed,
            count: input.persons,
            referenceDate: toDateString(now),
            // A community office holds its own residents; a county bureau sees all its communities.
            community: office.mode === 'community' ? office.name : undefined,
            takenIdNumbers: taken,
          });
          const life = opts.organisedLife ? fillOrganisedLife(app.db, ctx, { seed: input.seed, today: toDateString(now) }) : null;
          const today = toDateString(now);
          const history = opts.history !== false && !hasGrids ? fillVisitHistory(app.db, { seed: input.seed, from: `${Number(today.slice(0, 4)) - 1}-01-01`, today }) : null;
          return { counts: fill.counts, organised: life, organisedLife: !opts.organisedLife ? 'off' : life ? 'filled' : 'skipped', history } as const;
        }).immediate();
        const ms = performance.now() - started;
        const registered = (app.db.prepare('SELECT count(*) AS n FROM persons WHERE deleted_at IS NULL').get() as { n: number }).n;
        return { dataDir, office: office.name, seed: input.seed, persons: counts.persons, created: counts, organised, organisedLife, history, registered, ms: Math.round(ms) };
      });
      const c = result.created;
      const o = result.organised;
      io.success(result, [
        `已为 ${result.office} 生成 ${c.persons} 名演示人员（种子 ${result.seed}），用时 ${(result.ms / 1000).toFixed(1)} 秒`,
        `健康档案 ${c.healthProfiles}，能力评估 ${c.assessments}，健康事件 ${c.healthEvents}，家属联系人 ${c.familyContacts}，状态变更 ${c.statusChanges}`,
        ...(o
          ? [
              `原工作单位 ${o.units}（已关联 ${o.linkedPersons} 人），党组织 ${o.branches}，党员 ${o.members}，组织生活 ${o.meetings}，党费 ${o.dues} 笔`,
              `活动 ${o.activities}（参加 ${o.participants} 人次），志愿服务队 ${o.teams}，志愿者 ${o.volunteers}，服务记录 ${o.services}，结对 ${o.pairs}，联系记录 ${o.contacts}`,
            ]
          : result.organisedLife === 'skipped'
            ? ['办公室已有原单位、党组织、活动等数据，本次只添加了人员']
            : []),
        ...(result.history
          ? [
              `工作记录：网格员 ${result.history.workers} 人，网格 ${result.history.grids} 个，分片包干 ${result.history.assigned} 人，走访 ${result.history.visits} 次，服务需求 ${result.history.requests} 项`,
              `网格员登录：用户名 gw1…gw${result.history.workers}，初始密码 ${DEMO_WORKER_PASSWORD}`,
            ]
          : []),
        `现登记 ${result.registered} 人`,
      ]);
    });
}
