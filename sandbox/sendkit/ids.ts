import { randomBytes } from 'node:crypto';

/**
 * ObjectId-like 24-hex ids (4-byte seconds, 5 random bytes, 3-byte counter) that sort in creation order, which the
 * cursor pagination relies on.
 */
export class ObjectIdSequence {
	private readonly machine = randomBytes(5).toString('hex');
	private seconds = 0;
	private counter = 0;

	next(): string {
		this.seconds = Math.max(this.seconds, Math.floor(Date.now() / 1000));
		this.counter += 1;
		return hex(this.seconds, 8) + this.machine + hex(this.counter, 6);
	}
}

function hex(value: number, width: number): string {
	return value.toString(16).padStart(width, '0').slice(-width);
}
