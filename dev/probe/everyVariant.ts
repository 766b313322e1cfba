/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- development tooling: runs in plain Node, not inside n8n */
/**
 * CI's check of the probe (.ci/run): the sandbox set to each value of each variant switch in turn, the probe run with
 * --write and a local webhook receiver, and its report checked: the switch's row names that value, no point is
 * contradicted or failed, and nothing is left behind.
 */
import { startSandbox, type RunningSandbox } from '../../sandbox';
import type { AnyVariantSwitches } from '../../sandbox/core/variants';
import { freePort } from '../real-n8n/util';
import { parseProbeOptions } from './options';
import { runProbe } from './run';
import { sandboxProbeEnv } from './sandboxTarget';

/** Every service with switches. */
function switchesOf(sandbox: RunningSandbox): { service: string; switches: AnyVariantSwitches }[] {
	return [
		{ service: 'sendKit', switches: sandbox.sendKit.store.variants },
		{ service: 'kickoffLabs', switches: sandbox.kickoffLabs.store.variants },
	];
}

/** The problems found, one line each; empty when the probe reported every variant correctly. */
export async function checkEveryVariant(log: (line: string) => void): Promise<string[]> {
	const sandbox = await startSandbox();
	const problems: string[] = [];
	try {
		for (const { service, switches } of switchesOf(sandbox)) {
			for (const [name, values] of Object.entries(switches.choices)) {
				for (const value of values) {
					for (const each of sandbox.services) each.control.reset();
					switches.parseAndSet({ [name]: value });
					const argv = ['--write', '--webhook-url', `http://127.0.0.1:${await freePort()}/probe`];
					const report = await runProbe(parseProbeOptions(argv, sandboxProbeEnv(sandbox)));
					const row = report.rows.find((candidate) => candidate.switchName === name);
					const found = [
						row?.seen === value ? undefined : `reported ${row?.answer ?? 'no row'}`,
						...report.rows.filter((other) => other.verdict === 'CONTRADICTED' || other.failed).map((other) => `${other.switchName ?? other.question}: ${other.verdict} (${other.answer})`),
						// Without a DELETE endpoint the probe cannot remove its webhook, and saying so is the right report.
						...report.leftovers.filter((item) => !(name === 'webhookDelete' && value === 'missing' && item.startsWith('SendKit webhook'))).map((item) => `left behind: ${item}`),
					].filter((problem): problem is string => problem !== undefined);
					log(`${service}.${name}=${value}: ${found.length === 0 ? `reported ${value} (${row?.verdict})` : `WRONG: ${found.join('; ')}`}`);
					problems.push(...found.map((problem) => `${service}.${name}=${value}: ${problem}`));
				}
			}
		}
	} finally {
		await sandbox.close();
	}
	return problems;
}

if (require.main === module) {
	void checkEveryVariant((line) => console.log(line)).then((problems) => {
		console.log(problems.length === 0 ? 'The probe reported every variant correctly.' : `${problems.length} problem(s).`);
		process.exitCode = problems.length === 0 ? 0 : 1;
	});
}
