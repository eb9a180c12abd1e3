/**
 * `cadrecare roster import|export`: the Excel roster in and out, as roster.commit and roster.export
 * do. An import with errors writes nothing and lists every problem with its row number, unless
 * --skip-invalid imports the rows without errors.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { rosterChannels } from '../../../shared/contracts/roster';
import { AppError } from '../../../shared/errors';
import { toDateString } from '../../../shared/dates';
import { importRosterFile } from '../../services/roster/commit';
import { exportRoster } from '../../services/roster/export';
import { describeProblem, PROBLEM_TEXT, type RosterProblem } from '../../services/roster/problems';
import { DATA_DIR_HELP, optionError, requireOffice, resolveDataDir, validate, withApp } from '../support';
import type { CliIo, CliIssue } from '../io';

interface ImportOptions {
  dataDir: string;
  skipInvalid?: boolean;
  createGrids?: boolean;
}

interface ExportOptions {
  dataDir: string;
  status?: string;
  grid?: string;
}

/** How many problems are listed for a person; the JSON output carries the same list. */
const MAX_LISTED = 200;

function issuesOf(errors: readonly RosterProblem[]): CliIssue[] {
  return errors.slice(0, MAX_LISTED).map((p) => ({
    path: `第 ${p.row} 行 ${p.column}`,
    message: `${PROBLEM_TEXT[p.code] ?? p.code}${p.otherRow !== undefined ? `（第 ${p.otherRow} 行）` : ''}${p.value !== '' ? `（值：${p.value}）` : ''} [${p.code}]`,
    code: p.code,
  }));
}

function writeAtomically(file: string, data: Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, data);
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

export function register(program: Command, io: CliIo): void {
  const roster = program.command('roster').summary('Excel 名册导入导出 / Excel roster in and out').description('Excel 名册导入导出 / import and export the Excel roster');

  roster
    .command('import')
    .description(
      '导入名册（.xlsx 或 .csv）。身份证号已登记的人更新其信息，其他人新增。\n' +
        '有错误时不导入任何数据并列出有问题的行；加 --skip-invalid 只导入没有错误的行。\n' +
        'Imports a roster (.xlsx or .csv): registered ID numbers are updated, others created. Any error imports nothing\n' +
        'and lists the rows, unless --skip-invalid imports only the rows without errors.',
    )
    .requiredOption('--data-dir <dir>', DATA_DIR_HELP)
    .option('--skip-invalid', '跳过有错误的行，只导入其他行 / import only the rows without errors')
    .option('--create-grids', '表中尚未建立的网格一并新建（否则这些行算作错误）/ create the grids the file names that do not exist yet (else their rows are errors)')
    .argument('<file>', '名册文件 / roster file (.xlsx, .csv)')
    .action(async (file: string, opts: ImportOptions) => {
      const dataDir = resolveDataDir(opts.dataDir);
      const source = path.resolve(file);
      if (!fs.existsSync(source) || !fs.statSync(source).isFile()) {
        throw optionError('file', '<file>', 'file.unreadable');
      }
      const result = await withApp(dataDir, 'existing', async (app) => {
        requireOffice(app.db);
        try {
          return await importRosterFile(app.db, source, { skipInvalid: opts.skipInvalid === true, createGrids: opts.createGrids === true, now: app.clock() });
        } catch (err) {
          if (err instanceof AppError && err.code === 'ROSTER_HAS_ERRORS') {
            const errors = (err.details?.['errors'] ?? []) as RosterProblem[];
            const count = Number(err.details?.['errorCount'] ?? errors.length);
            const rows = Number(err.details?.['errorRowCount'] ?? 0);
            const more = count > errors.length ? `；以下列出前 ${errors.length} 个` : '';
            throw new AppError(
              'ROSTER_HAS_ERRORS',
              `名册中有 ${rows} 行共 ${count} 个问题，未导入任何数据${more}。改正后重新导入，或加 --skip-invalid 只导入没有错误的行。` +
                ` / ${rows} row(s) have errors; nothing was imported.`,
              { ...err.details, issues: issuesOf(errors) },
            );
          }
          throw err;
        }
      });
      const lines = [`已导入 ${path.basename(source)}：新增 ${result.created} 人，更新 ${result.updated} 人，未变化 ${result.unchanged} 人`];
      if (result.skipped > 0) {
        lines.push(`跳过有错误的 ${result.skipped} 行：`);
        for (const p of result.errors.slice(0, MAX_LISTED)) lines.push(`  ${describeProblem(p)}`);
        if (result.errors.length > MAX_LISTED) lines.push(`  ……另有 ${result.errors.length - MAX_LISTED} 个问题`);
      }
      io.success(
        { file: source, created: result.created, updated: result.updated, unchanged: result.unchanged, skipped: result.skipped, errors: result.errors },
        lines,
      );
    });

  roster
    .command('export')
    .description('把名册导出为 .xlsx（列名与导入时相同，可修改后再导入）。\nExports the roster to .xlsx with the headers the import reads.')
    .requiredOption('--data-dir <dir>', DATA_DIR_HELP)
    .option('--status <status>', '范围：active 在册（默认）| moved_out 迁出 | deceased 去世 | all 全部 / which persons')
    .option('--grid <grid>', '只导出这个网格 / only this grid')
    .argument('<out>', '输出文件 / output file (.xlsx)')
    .action(async (out: string, opts: ExportOptions) => {
      const dataDir = resolveDataDir(opts.dataDir);
      const target = path.resolve(/\.xlsx$/i.test(out) ? out : `${out}.xlsx`);
      if (!fs.existsSync(path.dirname(target)) || !fs.statSync(path.dirname(target)).isDirectory()) {
        throw optionError('out', '<out>', 'out.noFolder');
      }
      const query = validate(
        rosterChannels['roster.export'].input,
        { ...(opts.status !== undefined ? { status: opts.status } : {}), ...(opts.grid !== undefined ? { grid: opts.grid } : {}) },
        { status: '--status', grid: '--grid' },
      );
      const result = await withApp(dataDir, 'existing', async (app) => {
        requireOffice(app.db);
        return exportRoster(app.db, query, toDateString(app.clock()));
      });
      writeAtomically(target, result.data);
      io.success({ file: target, count: result.count }, [`已导出 ${result.count} 人到 ${target}`]);
    });
}
