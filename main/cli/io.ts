/**
 * How the CLI speaks: with `--json` one JSON object per run on stdout ({ok:true,value} or
 * {ok:false,error}); without it short Chinese-first lines for a person. Commands never write to
 * the streams themselves: they hand their value and their human lines to `CliIo.success`, and
 * failures are reported once, by the runner, through `CliIo.failure`.
 */
import type { AppErrorShape, ErrorCode } from '../../shared/errors';

/** Where output goes. Each call receives text to write as-is (lines end with '\n'). */
export interface CliStreams {
  out(text: string): void;
  err(text: string): void;
}

export const processStreams: CliStreams = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/**
 * The CLI's own error code for a command line commander could not make sense of (unknown command
 * or option, missing option or argument). It never crosses into the app; the exit code is 2.
 */
export const USAGE_CODE = 'USAGE';
export type CliErrorCode = ErrorCode | typeof USAGE_CODE;

export interface CliErrorShape {
  code: CliErrorCode;
  message: string;
  details?: Record<string, unknown> | undefined;
}

/** Chinese first lines for the error codes the CLI can meet; the English message follows. */
const ERROR_TEXT: Partial<Record<CliErrorCode, string>> = {
  USAGE: '命令行用法有误',
  INVALID_INPUT: '输入无效',
  SETUP_REQUIRED: '办公室尚未初始化（请先运行 cadrecare init）',
  SETUP_ALREADY_DONE: '该数据目录中的办公室已初始化，不能再次初始化',
  USERNAME_TAKEN: '用户名已被占用',
  NOT_FOUND: '未找到',
  DB_FROM_NEWER_VERSION: '数据库来自更新版本的程序，请安装新版本',
  DB_OPEN_FAILED: '无法打开数据库',
  DATA_DIR_IN_USE: '数据文件夹正被另一个 CadreCare 使用，请先关闭它',
  BACKUP_NOT_FOUND: '找不到备份文件',
  BACKUP_INVALID: '备份文件无效或已损坏',
  BACKUP_FROM_NEWER_VERSION: '备份来自更新版本的程序，请安装新版本',
  DUPLICATE_ID_NUMBER: '该身份证号已登记',
  ROSTER_FILE_UNREADABLE: '无法读取花名册文件',
  ROSTER_HAS_ERRORS: '花名册中有错误，未导入任何数据（可加 --skip-invalid 只导入无误的行）',
  ROSTER_SESSION_EXPIRED: '上传的文件已过期，请重新上传',
  // Packets and keys.
  PACKET_FILE_NOT_FOUND: '找不到这个数据包文件',
  PACKET_UNREADABLE: '这个文件不是本程序的数据包（不是加密的 CadreCare 数据包）',
  PACKET_TRUNCATED: '数据包文件不完整，可能在复制时中断了，请从原件重新复制后再导入',
  PACKET_DAMAGED: '数据包文件已被改动或损坏，不能信任，没有导入任何数据',
  PACKET_TOO_LARGE: '数据包大得不正常，没有打开',
  PACKET_INVALID: '数据包的内容格式不正确，没有导入任何数据',
  PASSPHRASE_REQUIRED: '这个数据包用口令加密，请用 --passphrase-file 提供口令',
  WRONG_PASSPHRASE: '口令不正确，无法打开数据包',
  BUNDLE_HASH_MISMATCH: '数据包的内容与发送方签名时的不一致，途中被改动过，没有导入任何数据',
  BUNDLE_SIGNATURE_MISSING: '数据包没有签名，无法证明是谁发送的，没有导入任何数据',
  BUNDLE_SIGNATURE_INVALID: '数据包的签名无效，没有导入任何数据',
  UNKNOWN_SENDER: '发送单位不在信任名单中，请先导入它的密钥卡并核对指纹（keys trust）',
  PACKET_FROM_NEWER_VERSION: '数据包由更新版本的程序生成，请先安装最新版本',
  NOT_FOR_THIS_OFFICE: '这个数据包不是发给本单位的',
  PACKET_ALREADY_IMPORTED: '这个数据包已经导入过，已跳过，数据没有变化',
  RECEIPT_FOR_UNKNOWN_PACKET: '这份回执对应的数据包不是本单位发给该单位的，没有导入',
  RECIPIENT_NOT_TRUSTED: '收件单位不在信任名单中，请先导入它的密钥卡并核对指纹',
  KEY_CARD_INVALID: '不是有效的密钥卡（或者是本单位自己的密钥卡）',
  KEY_FINGERPRINT_REQUIRED: '请核对密钥卡的指纹后用 --fingerprint 确认',
  KEY_FINGERPRINT_MISMATCH: '输入的指纹与密钥卡不一致，请不要信任这张密钥卡',
  CONFLICT_ALREADY_RESOLVED: '这个冲突已经处理过了',
  CONFLICT_STILL_BLOCKED: '这条记录仍然无法保存，请先处理与它冲突或它所引用的记录',
  CANCELLED: '已取消',
  // Statistics and reports.
  PERIOD_KIND_NOT_ALLOWED: '这个指标不按这种期间统计（时点指标可用日期，期间指标用年、季度、月或日期范围，活动指标用年份）',
  PERIOD_IN_FUTURE: '所选期间还没有开始',
  PERIOD_BEFORE_RECORDS: '所选期间在本单位开始使用本系统之前，没有记录可统计',
  PERIOD_AFTER_DATA: '该社区最近一次报送的数据早于所选期间，本局没有它这一期的数据；请催该社区报送，或选择更早的期间',
  REPORT_NOT_DUE: '统计期间尚未结束，还不能上报',
  BUREAU_ONLY: '只有县级老干部局能查看其他单位的数字；社区只能统计本社区（不加 --office）',
  OFFICE_NEVER_REPORTED: '这个社区从未报送数据，没有可统计的记录',
  REPORT_CHECKS_FAILED: '校核未通过，请更正数据或在说明中解释后再上报',
  PDF_BROWSER_MISSING: '没有找到可用来生成 PDF 的浏览器，没有写出文件。请安装 Edge、Chrome 或 Chromium，或用 --browser（或环境变量 CADRECARE_BROWSER）指明它的程序文件；也可以改写 .xlsx，或在程序中打开报表打印页另存为 PDF',
  PDF_PRINT_FAILED: '没能生成 PDF，没有写出文件。请重试；也可以改写 .xlsx，或在程序中打开报表打印页另存为 PDF',
  FORBIDDEN: '该用户没有这项权限',
  PASSWORD_CHANGE_REQUIRED: '该用户须先在程序中修改管理员设置的密码',
  INTERNAL: '程序内部错误',
};

/** Chinese text for the message keys of shared/schemas (zod issue messages). */
const ISSUE_TEXT: Record<string, string> = {
  'areaCode.format': '区划代码应为 12 位数字',
  'officeName.short': '办公室名称至少 2 个字',
  'username.short': '用户名至少 2 个字符',
  'username.chars': '用户名只能包含字母、数字、汉字和 _ . -',
  'password.short': '密码至少 8 位',
  'password.letter': '密码须包含字母',
  'password.digit': '密码须包含数字',
  'phone.format': '电话号码格式不正确',
  'file.unreadable': '无法读取文件',
  'file.empty': '文件为空',
  'dataDir.empty': '数据目录不能为空',
  'out.noFolder': '目标文件夹不存在',
  'out.isDatabase': '不能把备份写到数据库文件本身',
  'report.periodFormat': '期间应写成 2026、2026-Q4、2026-11、2026-12-31、2026-11-05..2026-12-05 或 chongyang:2026',
  'report.unknownIndicator': '没有这个指标（report list 列出全部指标）',
  'report.noSuchBreakdown': '这个指标没有这种分组',
  'report.annualPeriod': '年报的期间应为年份，如 2025',
  'report.campaignPeriod': '走访慰问汇总表的期间应为活动和年份，如 chongyang:2025',
  'report.formKind': '报表应为 annual（年报）或 campaign（走访慰问汇总）',
  'report.campaignKind': '活动应为 spring_festival、chongyang、party_day 或 birthday',
  'report.outKind': '输出文件应以 .xlsx 或 .pdf 结尾',
};

export interface CliIssue {
  path: string;
  /** The command-line option the value came from, when there is one. */
  option?: string | undefined;
  message: string;
  code: string;
}

export class CliIo {
  constructor(
    readonly streams: CliStreams,
    /** Machine-readable output (the global --json). */
    readonly json: boolean,
  ) {}

  /** Reports a command's result: the value as JSON, or the lines for a person. */
  success(value: unknown, lines: readonly string[]): void {
    if (this.json) this.streams.out(`${JSON.stringify({ ok: true, value })}\n`);
    else for (const line of lines) this.streams.out(`${line}\n`);
  }

  /** Reports a failure: the envelope as JSON on stdout, or `错误 CODE: …` lines on stderr. */
  failure(error: CliErrorShape | AppErrorShape): void {
    if (this.json) {
      const shape = error.details === undefined ? { code: error.code, message: error.message } : error;
      this.streams.out(`${JSON.stringify({ ok: false, error: shape })}\n`);
      return;
    }
    const zh = ERROR_TEXT[error.code];
    const head = zh ? `${zh}（${error.message}）` : error.message;
    this.streams.err(`错误 ${error.code}: ${head}\n`);
    const issues = error.details?.['issues'];
    if (Array.isArray(issues)) {
      for (const issue of issues as CliIssue[]) {
        const where = issue.option ?? (issue.path || '(input)');
        const text = ISSUE_TEXT[issue.message];
        this.streams.err(`  ${where}: ${text ? `${text} (${issue.message})` : issue.message}\n`);
      }
    }
  }
}

/** Chinese names of the roles, for human output. */
export const ROLE_TEXT: Record<string, string> = {
  admin: '管理员',
  staff: '工作人员',
  gridworker: '网格员',
  viewer: '只读',
};

/** Left-aligned columns, counting CJK characters as two columns wide. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => width(r[i] ?? ''))));
  return all.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - width(cell))))
      .join('  ')
      .trimEnd(),
  );
}
