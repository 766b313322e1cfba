import { randomBytes } from 'node:crypto';

/** A unique address at example.com (reserved: mail to it goes nowhere), recognisable as the probe's. */
export function disposableEmail(): string {
	return `n8n-lead-capture-probe-${Date.now()}-${randomBytes(4).toString('hex')}@example.com`;
}

export function disposableSecret(): string {
	return randomBytes(32).toString('hex');
}
