/**
 * What other parts of the renderer may use of 统计: its section, the morning view of the home page,
 * its cards in 设置, the one-click .xlsx export for other features' lists, the 慰问金 fields of a
 * visit, and what the print layouts need (the 分项 table's among them).
 */
export { ReportsSection } from './ReportsSection';
export { MorningView } from './MorningView';
export { BureauSettingsCard, OfficeProfileCard, ReportGoalsCard } from './SettingsCards';
export { FormTableView, formCellText } from './FormTableView';
export { WRAPPING_COLUMNS, shownColumns, cellText, columnLabel, def as indicatorDef, dimName, dimValue, drillTargetOf, figureName, indicatorName, officeNames, periodName, reportKeys } from './common';
export { rollupCell, rollupGroups, rollupNote, rollupShort, rollupTotalNote } from './rollup';
export { cellOf as workCellText } from './WorkSummaryPage';
export { useCountyOffices } from './useCountyOffices';
export { figureText } from './common';
export { breakdownOf, firstBreakdown } from './breakdownLinks';
export { figureHead } from './IndicatorPage';
export { OfficeFilter } from './OfficeFilter';
