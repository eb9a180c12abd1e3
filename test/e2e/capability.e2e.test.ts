/**
 * 老年人能力评估 (GB/T 42195-2022) in a real browser: a draft saved half-way and continued, the 26 items
 * answered with a diagnosis raising the grade, the latest grade on the 健康 tab and in the registry's
 * filter, the planned 能力评估 visit done, and the filled form printed on A4 (as a PDF, read back).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeIdNumber } from '../helpers/persons';
import { E2E_TIMEOUT, closeNotes, e2eSuite, go, logIn, setUp, setupInput } from './support';

const ADMIN_PASSWORD = 'pinggu2026';
const suite = e2eSuite('capability');
const office = suite.office('office', async (s) => {
  const admin = await setUp(s, setupInput('幸福里社区', ADMIN_PASSWORD));
  await s.must(admin, 'settings.update', { idleLockMinutes: 0 });
  await s.must(admin, 'grids.create', { name: '第一网格' });
  const person = await s.must(admin, 'persons.create', {
    name: '李秀英',
    gender: 'female',
    idNumber: makeIdNumber('1941-11-03', 'female', 41),
    birthDate: '1941-11-03',
    phones: ['13934561037'],
    retirementType: 'tuixiu',
    originalUnit: '县妇联',
    unitLevel: 'county',
    politicalStatus: 'cpc',
    community: '幸福里社区',
    grid: '第一网格',
    address: '幸福里小区2号楼1单元502',
    livingSituation: 'alone',
  });
  return { personId: person.id };
});

/** Scores adding up to 66 (轻度失能 by the total, at its lower edge). */
const SELF_CARE = { feeding: 4, grooming: 3, bathing: 2, upperDressing: 3, lowerDressing: 3, bladder: 3, bowel: 4, toileting: 3 };
const THE_REST = {
  bedMobility: 4,
  chairTransfer: 3,
  walking: 3,
  stairs: 2,
  timeOrientation: 3,
  placeOrientation: 3,
  personOrientation: 4,
  memory: 2,
  comprehension: 3,
  expression: 3,
  aggression: 1,
  depression: 0,
  consciousness: 2,
  vision: 1,
  hearing: 1,
  dailyAffairs: 2,
  transport: 1,
  socialInteraction: 3,
};

async function answer(page: Page, scores: Record<string, number>): Promise<void> {
  const dialog = page.getByRole('dialog');
  for (const [item, score] of Object.entries(scores)) await dialog.locator(`input[name="${item}"][value="${score}"]`).check();
}

describe('老年人能力评估 (browser mode)', { timeout: E2E_TIMEOUT }, () => {
  it('saves a draft, completes it with a diagnosis raising the grade, shows the grade, filters the registry and prints the signed form', async () => {
    const o = await suite.open(office);
    const page = o.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(o.url);
    await logIn(page, 'admin', ADMIN_PASSWORD, '王主任');
    const { personId } = o.data;
    await go(page, `#/persons/${personId}`);
    await page.getByRole('heading', { name: '李秀英', level: 1 }).waitFor();
    await page.getByRole('tab', { name: '健康档案' }).click();
    const section = page.getByTestId('capability-section');
    await section.getByText('还没有按 GB/T 42195 做过能力评估。').waitFor();

    // Half-way: the self-care items only, saved as a draft without a grade.
    await section.getByRole('button', { name: '新的能力评估' }).click();
    const dialog = page.getByRole('dialog', { name: '老年人能力评估（GB/T 42195-2022）' });
    await dialog.getByLabel('评估员').fill('刘医生');
    await answer(page, SELF_CARE);
    await dialog.getByText('还有 18 项未答，保存为草稿').waitFor();
    await dialog.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('已保存草稿（还有 18 项未答）。').waitFor();
    await section.getByText('草稿：已答 8 / 26 项').waitFor();
    await section.getByText('还没有按 GB/T 42195 做过能力评估。').waitFor();

    // Continued: the other 18 items and a dementia diagnosis.
    await section.getByRole('button', { name: '继续填写' }).click();
    const again = page.getByRole('dialog', { name: '继续填写能力评估' });
    await again.locator('input[name="feeding"][value="4"]:checked').waitFor();
    await answer(page, THE_REST);
    await again.getByTestId('capability-live').getByText('总分 66 分').waitFor();
    await again.getByTestId('capability-live').getByText('轻度失能').waitFor();
    await again.getByLabel('确诊为痴呆（F00～F03）').check();
    await again.getByTestId('capability-live').getByText('中度失能').waitFor();
    await again.getByText('B.3.9 意识水平').scrollIntoViewIfNeeded();
    await o.screenshot('capability-dialog');
    await again.getByRole('button', { name: '保存评估' }).click();
    await page.getByText('已保存能力评估：66 分，中度失能。').waitFor();
    const latest = section.getByTestId('capability-latest');
    await latest.getByText('66', { exact: true }).waitFor();
    await latest.getByText('中度失能').waitFor();
    await expect.poll(() => section.getByRole('button', { name: '继续填写' }).count()).toBe(0);
    await closeNotes(page);
    await section.scrollIntoViewIfNeeded();
    await o.screenshot('capability-health-tab');

    // She lives alone and was never assessed: the planned 能力评估 visit is done by the assessment.
    const visits = o.must(o.as('admin'), 'visits.forPerson', { personId, include: 'all' });
    const assessmentVisits = (await visits).filter((v) => v.reason === 'assessment');
    expect(assessmentVisits.map((v) => v.status)).toEqual(['done', 'upcoming']);

    // The registry: the grade as a column, and as a filter.
    await go(page, '#/persons?capabilityGrade=moderate');
    await page.getByRole('row').filter({ hasText: '李秀英' }).getByText('中度失能').waitFor();
    await go(page, '#/persons?capabilityGrade=intact');
    await page.getByText('李秀英').waitFor({ state: 'detached' });

    // The filled form, on A4, with the signature lines.
    const { assessments } = await o.must(o.as('admin'), 'capability.forPerson', { personId });
    const id = assessments[0]?.id ?? '';
    const print = page;
    await go(print, `#/print/capability/${id}`);
    await print.waitForSelector('html[data-print-ready="1"]', { timeout: 30_000 });
    await print.setViewportSize({ width: 1000, height: 1300 });
    await o.screenshot('capability-print-screen', print);
    const pdf = path.join(o.files, 'capability.pdf');
    await print.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
    const flat = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const s of ['老年人能力评估表', '幸福里社区', '李秀英', '刘医生', 'B.1.1进食', '独立使用器具将食物送进口中并咽下，没有呛咳', '自理能力小计', '25/32', '66/90', '确诊为痴呆（F00～F03）', '中度失能', '评估员签字', '老人或家属签字']) {
      expect(flat).toContain(s.replace(/\s+/g, ''));
    }
    execFileSync('pdftoppm', ['-png', '-r', '70', pdf, path.join(o.files, 'capability-page')]);
    expect(fs.readdirSync(o.files).filter((f) => f.startsWith('capability-page')).length).toBeGreaterThanOrEqual(1);
  });
});

