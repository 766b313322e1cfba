/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- development tooling: runs in plain Node, not inside n8n */
/**
 * `npm run probe`: asks the live SendKit and KickoffLabs APIs the questions their docs leave open and prints one table
 * (README "Checking the live APIs"). Not part of `npm test`; CI runs it against the sandbox in every variant
 * (./everyVariant.ts).
 */
import { parseProbeOptions, USAGE, UsageError } from './options';
import { exitCodeOf, runProbe } from './run';
import { scrubberFor } from './scrub';
import { renderReport } from './table';

interface Output {
	out(text: string): void;
	err(text: string): void;
}

/** Runs the probe and returns its exit code: 0 nothing contradicted, 1 otherwise, 2 usage error. */
export async function probeMain(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, output: Output): Promise<number> {
	const scrub = scrubberFor([env.SENDKIT_API_KEY?.trim(), env.KICKOFFLABS_API_KEY?.trim()]);
	if (argv.includes('--help')) {
		output.out(USAGE);
		return 0;
	}
	try {
		const options = parseProbeOptions(argv, env);
		const report = await runProbe(options);
		output.out(scrub(options.json ? JSON.stringify(report, null, 2) : renderReport(report)));
		return exitCodeOf(report);
	} catch (error) {
		if (error instanceof UsageError) {
			output.err(scrub(`${error.message}\n\n${USAGE}`));
			return 2;
		}
		output.err(scrub(`The probe stopped: ${error instanceof Error ? error.message : String(error)}`));
		return 1;
	}
}

if (require.main === module) {
	void probeMain(process.argv.slice(2), process.env, { out: (text) => console.log(text), err: (text) => console.error(text) }).then((code) => {
		process.exitCode = code;
	});
}
