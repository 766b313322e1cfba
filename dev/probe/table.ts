import type { ProbeReport } from './run';

const HEADINGS = ['Service', 'Silent point', 'Switch', 'Answer the API gave', 'The package assumes (also handles)', 'Verdict'] as const;

/** The report as one table, then what could not be cleaned up. */
export function renderReport(report: ProbeReport): string {
	const lines = report.rows.map((row) => [row.service, row.question, row.switchName ?? '-', row.answer, row.packageAnswers, row.verdict]);
	const widths = HEADINGS.map((heading, column) => Math.max(heading.length, ...lines.map((line) => line[column].length)));
	const format = (cells: readonly string[]): string => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
	const table = [format(HEADINGS), format(widths.map((width) => '-'.repeat(width))), ...lines.map(format)];
	const cleanup =
		report.leftovers.length === 0
			? ['Cleanup: nothing the probe created is left.']
			: ['Could not clean up (delete these by hand):', ...report.leftovers.map((item) => `  - ${item}`)];
	return [...table, '', ...cleanup].join('\n');
}
