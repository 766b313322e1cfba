/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- benchmark: runs in plain Node, not inside n8n */
import type { ChildProcess } from 'child_process';
import { fork } from 'child_process';
import * as path from 'path';

import type { Faults } from '../sandbox';
import type { SandboxInfo, ServiceKey } from './targets';

interface Tally {
	lost: number;
	duplicates: number;
	spanMs: number;
	rateLimited: number;
}

/** The bench's handle on the sandbox process (bench/sandboxProcess.ts). */
export class RemoteSandbox {
	private nextId = 1;

	private readonly pending = new Map<number, (result: unknown) => void>();

	private constructor(
		private readonly child: ChildProcess,
		readonly info: SandboxInfo,
	) {
		child.on('message', (message: { id: number; result: unknown }) => {
			this.pending.get(message.id)?.(message.result);
			this.pending.delete(message.id);
		});
	}

	static async start(): Promise<RemoteSandbox> {
		const child = fork(path.join(__dirname, 'sandboxProcess.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
		const info = await new Promise<SandboxInfo>((resolve, reject) => {
			child.once('message', (message: { result: SandboxInfo }) => resolve(message.result));
			child.once('exit', (code) => reject(new Error(`the sandbox process exited (${code})`)));
		});
		return new RemoteSandbox(child, info);
	}

	async prepare(faults: Faults): Promise<void> {
		await this.call({ cmd: 'prepare', faults });
	}

	/**
	 * Leads lost and counted twice, the milliseconds between the first and the last request of the run, and the
	 * requests the rate limit refused (429).
	 */
	async tally(service: ServiceKey, emails: readonly string[]): Promise<Tally> {
		return (await this.call({ cmd: 'tally', service, emails })) as Tally;
	}

	close(): void {
		this.child.disconnect();
	}

	private call(command: Record<string, unknown>): Promise<unknown> {
		const id = this.nextId++;
		return new Promise((resolve) => {
			this.pending.set(id, resolve);
			this.child.send({ id, ...command });
		});
	}
}
