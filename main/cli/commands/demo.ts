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
import { DATA_DIR_HELP, requireOffice, resolveDataDir, validate, withApp } from '../support';
import type { CliIo } from '../io';

export const DEMO_MAX_PERSONS = 200_000;

interface DemoOptions {
  dataDir: string;
  persons: string;
  seed: string;
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
        // A larger page cache for the bulk write; the connection closes when the command ends.
        app.db.pragma('cache_size = -262144');
        const { counts, ms } = fillDatabase(
          app.db,
          { actor: SYSTEM_ACTOR, officeId: office.id, at: now.toISOString() },
          {
            seed: input.seed,
            count: input.persons,
            referenceDate: toDateString(now),
            // A community office holds its own residents; a county bureau sees all its communities.
            community: office.mode === 'community' ? office.name : undefined,
            takenIdNumbers: taken,
          },
        );
        const registered = (app.db.prepare('SELECT count(*) AS n FROM persons WHERE deleted_at IS NULL').get() as { n: number }).n;
        return { dataDir, office: office.name, seed: input.seed, persons: counts.persons, created: counts, registered, ms: Math.round(ms) };
      });
      const c = result.created;
      io.success(result, [
        `已为 ${result.office} 生成 ${c.persons} 名演示人员（种子 ${result.seed}），用时 ${(result.ms / 1000).toFixed(1)} 秒`,
        `健康档案 ${c.healthProfiles}，能力评估 ${c.assessments}，健康事件 ${c.healthEvents}，家属联系人 ${c.familyContacts}，状态变更 ${c.statusChanges}`,
        `现登记 ${result.registered} 人`,
      ]);
    });
}
