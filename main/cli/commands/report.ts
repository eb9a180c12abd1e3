/**
 * `cadrecare report`: the statistics from the command line, over the same catalogue and services as
 * the 统计 section — the list of indicators, one indicator for a period (optionally by a breakdown),
 * and a statutory form written to a formatted .xlsx, or to a PDF: the app's own A4 print page,
 * rendered by a browser on the computer (../formPdf.ts, loaded only for a .pdf).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import { toDateString } from '../../../shared/dates';
import { DIMS, DIM_LABELS, INDICATORS, INDICATOR_KEYS, dimValueLabel, figureLabel, formatFigure, type Dim } from '../../../shared/reports/catalogue';
import { CAMPAIGNS, defaultPeriod, periodTextLabel } from '../../../shared/reports/period';
import { formReport, indicatorReport, formFile } from '../../services/reports/reports';
import { findTrustedPeer } from '../../services/packets/trust';
import type { Db } from '../../db/connection';
import type { FiguresOf } from '../../../shared/schemas/reports';
import { DATA_DIR_HELP, invalidInput, requireOffice, resolveDataDir, validate, withApp } from '../support';
import { formatTable, type CliIo } from '../io';

interface ShowOptions {
  dataDir: string;
  period?: string;
  by?: string;
  office?: string;
}

interface ExportOptions {
  dataDir: string;
  form: string;
  period: string;
  campaign?: string;
  out: string;
  browser?: string;
  /** Added to every command that opens the database (../unlock.ts): whose password unlocked it. */
  user?: string;
}

const showSchema = z.object({
  key: z.enum(INDICATOR_KEYS as [string, ...string[]], { message: 'report.unknownIndicator' }),
  by: z.enum(DIMS, { message: 'report.noSuchBreakdown' }).optional(),
});

const exportSchema = z.object({
  form: z.enum(['annual', 'campaign'], { message: 'report.formKind' }),
  campaign: z.enum(CAMPAIGNS, { message: 'report.campaignKind' }).optional(),
  out: z.string().trim().min(1).regex(/\.(xlsx|pdf)$/i, { message: 'report.outKind' }),
});

/**
 * --office as a person writes it: this office or one it trusts, by id, 12-digit area code or name
 * (as `packet export --to` takes it); the id the channel takes. An office not known here is refused
 * with the command that lists the known ones.
 */
function officeIdOf(db: Db, ref: string, dataDir: string): string {
  const own = requireOffice(db);
  const text = ref.trim();
  if (text === own.id || text === own.areaCode || text === own.name) return own.id;
  const peer = findTrustedPeer(db, text);
  if (peer) return peer.officeId;
  throw unknownOffice(text, dataDir);
}

function unknownOffice(ref: string, dataDir: string): AppError {
  return new AppError(
    'NOT_FOUND',
    `本单位信任的社区中没有“${ref}”；请用 cadrecare keys list --data-dir ${dataDir} 查看各单位的名称和区划代码，再在 --office 后写其中一个 / ` +
      `No community office "${ref}" is trusted here; "cadrecare keys list" lists the offices by name and area code.`,
    { entity: 'office', id: ref },
  );
}

/** Whose figures, for the heading: the office's name, the county's communities, or the bureau's own persons. */
export function whoseText(whose: FiguresOf): string {
  if (whose.county) return `全县各社区报送的数据，不含${whose.name}自己登记的人员`;
  if (whose.bureauOwn) return `${whose.name}自己登记的人员，不含各社区报送的数据`;
  return whose.name;
}

export function register(program: Command, io: CliIo): void {
  const report = program.command('report').summary('统计与报表 / statistics and statutory forms').description('统计与报表 / statistics and statutory forms');

  report
    .command('list')
    .description('列出全部统计指标（键、版本、单位、期间方式、可用分组）。\nLists every indicator of the catalogue: key, version, unit, how it reads a period, its breakdowns.')
    .action(() => {
      const value = INDICATORS.map((d) => ({
        key: d.key,
        version: d.version,
        label: d.label['zh-CN'],
        labelEn: d.label.en,
        use: d.use,
        headline: d.headline,
        breakdowns: d.breakdowns,
        measures: d.measures.filter((m) => !m.hidden).map((m) => ({ key: m.key, label: m.label['zh-CN'], unit: m.unit, incomplete: m.incomplete === true })),
        derived: d.derived.map((x) => ({ key: x.key, label: x.label['zh-CN'], unit: x.unit })),
      }));
      const use = { asOf: '时点', range: '期间', campaign: '活动' } as const;
      io.success(value, formatTable(['指标', '名称', '期间', '分组'], INDICATORS.map((d) => [d.key, d.label['zh-CN'], use[d.use], d.breakdowns.join(',')])));
    });

  report
    .command('show <key>')
    .description(
      '显示一个指标在某期间的数字（--period 2026、2026-Q4、2026-11、2026-12-31、2026-11-05..2026-12-05、chongyang:2026；默认今年），可按 --by grid 等分组。\n' +
        '县老干部局：不加 --office 时只统计本局自己登记的人员；--by office 按社区列出全县各社区报送的数据及全县合计；\n' +
        '--office 只统计一个社区（名称、区划代码或编号，见 cadrecare keys list）。\n' +
        'Shows one indicator for a period (default: this year), optionally by a breakdown (--by grid|contact|rtype|sex|ageBand|office|…).\n' +
        "At a county bureau: without --office, the bureau's own persons only; --by office, every community with the county's total;\n" +
        '--office one community (by name, area code or id, as "cadrecare keys list" shows them).',
    )
    .requiredOption('--data-dir <dir>', DATA_DIR_HELP)
    .option('--period <period>', '期间 / period')
    .option('--by <dim>', '分组 / breakdown')
    .option('--office <office>', '单位（名称、区划代码或编号）/ office (name, area code or id)')
    .action(async (key: string, opts: ShowOptions) => {
      const dataDir = resolveDataDir(opts.dataDir);
      const input = validate(showSchema, { key, by: opts.by }, { key: '<key>', by: '--by' });
      const result = await withApp(dataDir, 'existing', (app) => {
        requireOffice(app.db);
        const today = toDateString(app.clock());
        const office = opts.office === undefined ? undefined : officeIdOf(app.db, opts.office, dataDir);
        const query = { key: input.key, period: opts.period ?? defaultPeriod(today), ...(input.by ? { by: input.by } : {}), ...(office !== undefined ? { office } : {}) };
        try {
          return app.db.transaction(() => indicatorReport(app.db, today, query)).deferred();
        } catch (err) {
          // Trusted, but not as a community (another bureau): the same plain refusal.
          if (opts.office !== undefined && err instanceof AppError && err.code === 'NOT_FOUND' && err.details?.['entity'] === 'office') throw unknownOffice(opts.office.trim(), dataDir);
          throw err;
        }
      });
      const def = INDICATORS.find((d) => d.key === result.key);
      if (!def) throw new AppError('INTERNAL', 'indicator vanished');
      const figures = [...def.measures.filter((m) => !m.hidden).map((m) => m.key), ...def.derived.map((d) => d.key)];
      const lines = [
        `${def.label['zh-CN']}（${whoseText(result.whose)}；${periodTextLabel(result.period.text)}${result.period.running ? `，统计至 ${result.period.asOf}` : ''}）`,
        ...formatTable(
          [result.by ? DIM_LABELS[result.by as Dim]['zh-CN'] : '', ...figures.map((f) => figureLabel(def, f))],
          [
            ...result.rows.map((r) => [dimValueLabel(result.by as Dim, r.key, r.name), ...figures.map((f) => formatFigure(def, f, r.figures[f] ?? null))]),
            ['合计', ...figures.map((f) => formatFigure(def, f, result.figures[f] ?? null))],
          ],
        ),
        ...result.incomplete.map((i) => `注意：${figureLabel(def, i.key)} ${i.count} 人（次），这些记录缺少所需信息，未计入其他各项。`),
        ...(result.goal ? [`目标 ${result.goal.target}%：${result.goal.status === 'green' ? '达标' : result.goal.status === 'amber' ? '接近目标' : result.goal.status === 'red' ? '未达标' : '无应走访'}`] : []),
      ];
      io.success(result, lines);
    });

  report
    .command('export')
    .description(
      '把统计表写成格式化的 .xlsx：--form annual（离退休干部基本情况统计表，--period 2025）或 --form campaign（走访慰问情况汇总表，--period chongyang:2025，或 --period 2025 --campaign chongyang）。\n' +
        '--out 以 .pdf 结尾时写成 PDF：与程序打印的 A4 报表相同，用本机的 Edge、Chrome 或 Chromium 生成（--browser 或环境变量 CADRECARE_BROWSER 可指明浏览器的程序文件）；\n' +
        '报表以 --user 的身份读取，用恢复密钥打开时以第一个管理员的身份读取。\n' +
        'Writes a statutory form to a formatted .xlsx, or to a PDF (--out FILE.pdf): the A4 page the app prints, rendered by Edge, Chrome or\n' +
        'Chromium found on this computer (or named by --browser / CADRECARE_BROWSER), read as --user (as the first administrator with a recovery key).',
    )
    .requiredOption('--data-dir <dir>', DATA_DIR_HELP)
    .requiredOption('--form <form>', 'annual | campaign')
    .requiredOption('--period <period>', '期间 / period')
    .option('--campaign <campaign>', 'spring_festival | chongyang | party_day | birthday')
    .requiredOption('--out <file>', '输出文件（.xlsx 或 .pdf）/ output file (.xlsx or .pdf)')
    .option('--browser <file>', '生成 PDF 所用浏览器（Edge、Chrome、Chromium）的程序文件 / the browser program that renders a PDF')
    .action(async (opts: ExportOptions) => {
      const dataDir = resolveDataDir(opts.dataDir);
      const input = validate(exportSchema, { form: opts.form, campaign: opts.campaign, out: opts.out }, { form: '--form', campaign: '--campaign', out: '--out' });
      const out = path.resolve(input.out);
      const pdf = /\.pdf$/i.test(out);
      if (!fs.existsSync(path.dirname(out))) throw invalidInput([{ path: 'out', option: '--out', message: 'out.noFolder', code: 'custom' }]);
      const period = input.form === 'campaign' && input.campaign && /^\d{4}$/.test(opts.period.trim()) ? `${input.campaign}:${opts.period.trim()}` : opts.period;
      const result = await withApp(dataDir, 'existing', async (app) => {
        requireOffice(app.db);
        const today = toDateString(app.clock());
        const data = app.db.transaction(() => formReport(app.db, today, { form: input.form, period })).deferred();
        if (pdf) {
          // The figures were read (and the period checked) above, by this command's own code; the page reads them again.
          const { writeFormPdf } = await import('../formPdf');
          const written = await writeFormPdf({ app, form: input.form, period: data.period.text, out, username: opts.user, browser: opts.browser });
          if (!written.ok) throw new AppError(written.error.code, written.error.message, written.error.details);
        } else {
          const file = await formFile(app.db, today, { form: input.form, period });
          const tmp = `${out}.${process.pid}.tmp`;
          fs.writeFileSync(tmp, Buffer.from(file.base64, 'base64'));
          fs.renameSync(tmp, out);
        }
        return { out, title: data.title, period: data.period.text, asOf: data.period.asOf, failedChecks: data.checks.filter((c) => !c.ok).map((c) => c.text), notYet: data.notYet };
      });
      io.success(result, [
        `已写出 ${result.title}（${periodTextLabel(result.period)}，统计时点 ${result.asOf}）：${result.out}`,
        ...(result.notYet ? [`注意：${result.notYet}`] : []),
        ...(result.failedChecks.length > 0 ? ['以下校核未通过，上报前请更正或在说明中解释：', ...result.failedChecks.map((t) => `  ${t}`)] : ['校核全部通过。']),
      ]);
    });
}
