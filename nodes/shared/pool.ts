/**
 * Runs `task(0)` … `task(count - 1)`, at most `concurrency` at a time, started in index order. Once `stopped()` says
 * so, no further task starts; the ones running finish. A task must not throw (it records its own failure).
 */
export async function runPool(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<void>,
	stopped: () => boolean = () => false,
): Promise<void> {
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < count && !stopped()) {
			const index = next++;
			await task(index);
		}
	};
	const workers = Math.max(1, Math.min(Math.floor(concurrency), count));
	await Promise.all(Array.from({ length: workers }, worker));
}
