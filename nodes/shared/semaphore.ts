/**
 * A semaphore of places for items under way, at most `size` at a time. An item that has to wait (a Retry-After, a
 * back-off) lends its place meanwhile, and gets one back before any new item starts. At most `size` places are lent at
 * once, so at most twice `size` items are under way: when every retry is refused (a limit used up elsewhere) the node
 * does not start item after item.
 */
export class Semaphore {
	private free: number;

	private lent = 0;

	private readonly size: number;

	private readonly newcomers: Array<() => void> = [];

	private readonly returning: Array<() => void> = [];

	constructor(size: number) {
		this.size = Math.max(1, Math.floor(size));
		this.free = this.size;
	}

	async acquire(returning = false): Promise<void> {
		if (this.free > 0) {
			this.free -= 1;
			return;
		}
		await new Promise<void>((resolve) => (returning ? this.returning : this.newcomers).push(resolve));
	}

	release(): void {
		const next = this.returning.shift() ?? this.newcomers.shift();
		if (next) next();
		else this.free += 1;
	}

	/**
	 * Runs a retry's `wait` without holding a place, while fewer than `size` are lent: another item may use it
	 * meanwhile. Call only while holding one.
	 */
	async lend<T>(wait: () => Promise<T>): Promise<T> {
		if (this.lent >= this.size) return await wait();
		this.lent += 1;
		try {
			return await this.stepAside(wait);
		} finally {
			this.lent -= 1;
		}
	}

	/**
	 * Runs `wait` without holding a place, however many are lent: for an item waiting for an earlier item to finish,
	 * which sends nothing meanwhile (holding the place could leave the earlier one, back from a retry, without any).
	 */
	async stepAside<T>(wait: () => Promise<T>): Promise<T> {
		this.release();
		try {
			return await wait();
		} finally {
			await this.acquire(true);
		}
	}
}

/**
 * Runs `task(0)` … `task(count - 1)`, started in index order, at most the semaphore's size at a time (not counting
 * tasks that lent their place while they wait). Once `stopped()` says so, no further task starts; the ones running
 * finish. A task must not throw (it records its own failure).
 */
export async function runPool(
	count: number,
	semaphore: Semaphore,
	task: (index: number) => Promise<void>,
	stopped: () => boolean = () => false,
): Promise<void> {
	const running: Array<Promise<void>> = [];
	for (let index = 0; index < count; index++) {
		await semaphore.acquire();
		if (stopped()) {
			semaphore.release();
			break;
		}
		running.push(task(index).finally(() => semaphore.release()));
	}
	await Promise.all(running);
}
