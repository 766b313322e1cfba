/**
 * Places for items under way, at most `size` at a time. An item that has to wait (a Retry-After, a back-off) lends
 * its place meanwhile, and gets one back before any new item starts.
 */
export class Places {
	private free: number;

	private readonly newcomers: Array<() => void> = [];

	private readonly returning: Array<() => void> = [];

	constructor(size: number) {
		this.free = Math.max(1, Math.floor(size));
	}

	async take(returning = false): Promise<void> {
		if (this.free > 0) {
			this.free -= 1;
			return;
		}
		await new Promise<void>((resolve) => (returning ? this.returning : this.newcomers).push(resolve));
	}

	give(): void {
		const next = this.returning.shift() ?? this.newcomers.shift();
		if (next) next();
		else this.free += 1;
	}

	/** Runs `wait` without holding a place: another item may use it meanwhile. Call only while holding one. */
	async lend<T>(wait: () => Promise<T>): Promise<T> {
		this.give();
		try {
			return await wait();
		} finally {
			await this.take(true);
		}
	}
}

/**
 * Runs `task(0)` … `task(count - 1)`, started in index order, at most `places` size at a time (not counting tasks that
 * lent their place while they wait). Once `stopped()` says so, no further task starts; the ones running finish. A task
 * must not throw (it records its own failure).
 */
export async function runPool(
	count: number,
	places: Places,
	task: (index: number) => Promise<void>,
	stopped: () => boolean = () => false,
): Promise<void> {
	const running: Array<Promise<void>> = [];
	for (let index = 0; index < count; index++) {
		await places.take();
		if (stopped()) {
			places.give();
			break;
		}
		running.push(task(index).finally(() => places.give()));
	}
	await Promise.all(running);
}
