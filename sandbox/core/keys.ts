import { randomBytes } from 'node:crypto';

/** 'fixed': the same readable keys on every start; 'random': fresh keys per start. */
export type KeyMode = 'fixed' | 'random';

export function randomHex(bytes: number): string {
	return randomBytes(bytes).toString('hex');
}
