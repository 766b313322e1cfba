/* eslint-disable @n8n/community-nodes/no-restricted-globals -- benchmark: runs in plain Node, not inside n8n */
/**
 * The sandbox in a process of its own, driven over IPC by the bench, so that its CPU time is not taken from the
 * contenders (a real API runs elsewhere too). Commands: `prepare` (reset, then set faults on every service) and
 * `tally` (what the store holds for a run's emails).
 */
import type { Faults } from '../sandbox';
import { startSandbox } from '../sandbox';
import type { SandboxInfo, ServiceKey } from './targets';
import { tallyStore } from './targets';

type Command = { id: number; cmd: 'prepare'; faults: Faults } | { id: number; cmd: 'tally'; service: ServiceKey; emails: string[] };

async function main(): Promise<void> {
	const sandbox = await startSandbox({ keys: 'random' });
	const info: SandboxInfo = {
		sendKit: { url: sandbox.sendKit.url, key: sandbox.sendKit.workspaceKey, credentials: { sendKitApi: { ...sandbox.sendKit.credentials.data } } },
		kickoffLabs: {
			url: sandbox.kickoffLabs.url,
			key: sandbox.kickoffLabs.apiKey,
			campaignId: String(sandbox.kickoffLabs.defaultCampaignId),
			credentials: { kickoffLabsApi: { ...sandbox.kickoffLabs.credentials.data } },
		},
	};
	// When the first and the last API request of a run arrived, for contenders timed from the API's side.
	let firstAt = 0;
	let lastAt = 0;
	// Every API request is pushed onto the service's request log (one array for the server's lifetime) when it
	// arrives: the run starts with the first one.
	for (const service of sandbox.services) {
		const log = service.control.requests;
		const push = log.push.bind(log);
		log.push = (...requests) => {
			if (firstAt === 0) firstAt = Date.now();
			return push(...requests);
		};
	}
	// A create or upsert looks the lead up when it is processed, after the latency, just before its answer is sent:
	// the run ends with the last one.
	const { sendKit, kickoffLabs } = sandbox;
	const findByEmail = sendKit.store.findLeadByEmail.bind(sendKit.store);
	sendKit.store.findLeadByEmail = (workspaceId, email) => {
		lastAt = Date.now();
		return findByEmail(workspaceId, email);
	};
	const findLead = kickoffLabs.store.findLead.bind(kickoffLabs.store);
	kickoffLabs.store.findLead = (campaignId, identifier) => {
		lastAt = Date.now();
		return findLead(campaignId, identifier);
	};
	process.on('message', (message: Command) => {
		if (message.cmd === 'prepare') {
			for (const service of sandbox.services) {
				service.control.reset();
				service.control.setFaults(message.faults);
			}
			firstAt = 0;
			lastAt = 0;
			process.send?.({ id: message.id, result: null });
		} else {
			const rateLimited = sandbox[message.service].control.stats.rateLimited;
			process.send?.({ id: message.id, result: { ...tallyStore(sandbox, message.service, message.emails), spanMs: lastAt - firstAt, rateLimited } });
		}
	});
	process.on('disconnect', () => process.exit(0));
	process.send?.({ id: 0, result: info });
}

void main();
