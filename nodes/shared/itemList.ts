/** Item numbers as n8n shows them (from 0), runs of consecutive items as ranges: "item 3", "items 0-2, 5". */
export function describeItems(itemIndexes: readonly number[]): string {
	const sorted = [...new Set(itemIndexes)].sort((a, b) => a - b);
	const ranges: string[] = [];
	for (let start = 0; start < sorted.length; ) {
		let end = start;
		while (end + 1 < sorted.length && sorted[end + 1] === sorted[end] + 1) end++;
		ranges.push(end === start ? String(sorted[start]) : `${sorted[start]}-${sorted[end]}`);
		start = end + 1;
	}
	return `${sorted.length === 1 ? 'item' : 'items'} ${ranges.join(', ')}`;
}
