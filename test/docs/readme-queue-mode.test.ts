/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in plain Node, not inside n8n */
import fs from 'node:fs';
import path from 'node:path';

import { repoRoot } from '../helpers/world';

const read = (file: string): string => fs.readFileSync(path.join(repoRoot, file), 'utf8');
const section = (): string => {
	const readme = read('README.md');
	const start = readme.indexOf('## Running in queue mode');
	return readme.slice(start, readme.indexOf('\n## ', start + 1));
};
const scripts = (): Record<string, string> => (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

describe('README "Running in queue mode" says what the queue setup and its tests do', () => {
	it('names the two npm scripts, which exist and run the queue launcher and the queue suite', () => {
		expect(section()).toContain('`npm run start:queue`');
		expect(section()).toContain('`npm run test:e2e:queue`');
		expect(scripts()['start:queue']).toMatch(/exec node \.build\/dev\/real-n8n\/start-queue\.js$/);
		expect(scripts()['test:e2e:queue']).toMatch(/node \.build\/test\/e2e\/queue\/run\.js$/);
	});

	it('one main, one webhook processor and two workers, editor on 5678, data in .cache/queue: as the launcher starts them', () => {
		expect(section()).toContain('one main, one webhook processor and two workers');
		const launcher = read('dev/real-n8n/start-queue.ts');
		expect(launcher).toMatch(/const WORKERS = 2;/);
		expect(launcher).toMatch(/const MAIN_PORT = 5678;/);
		expect(launcher).toContain("statePath('queue')");
		expect(read('dev/real-n8n/queue.ts')).toMatch(/names = \['main', 'webhook', \.\.\./);
	});

	it('says each process learns the limit itself, and names the ways to give every process the package', () => {
		expect(section()).toContain('Each process learns the limit itself');
		for (const way of ['A custom image or a shared nodes folder', '`N8N_REINSTALL_MISSING_PACKAGES=true` on every process', 'misses\n  that announcement']) {
			expect(section()).toContain(way);
		}
	});

	it('the syncs it describes are the suite\'s: 5,000 leads in batches of 500, 1,000 existing, 100 requests per second with 8 in flight', () => {
		expect(section()).toContain('a 5,000-lead SendKit sync and a 5,000-lead KickoffLabs sync, posted in batches of 500');
		expect(section()).toContain('for the 1,000 that existed before');
		expect(section()).toContain('(100 requests per second, 8 in flight)');
		const cases = read('test/e2e/queue/cases.ts');
		expect(cases).toMatch(/const SYNC_LEADS = 5000;/);
		expect(cases).toMatch(/const BATCH = 500;/);
		expect(cases).toMatch(/const EXISTING = 1000;/);
		expect(cases).toContain('rateLimit: { perSecond: 100, maxInFlight: 8 }');
	});

	it('CI runs the queue suite after the other end-to-end tests, installing Redis only when it is missing', () => {
		const ci = read('.ci/run');
		expect(ci.indexOf('npm run test:e2e:queue')).toBeGreaterThan(ci.indexOf('npm run test:e2e ||'));
		expect(ci).toMatch(/if ! command -v redis-server[^\n]*\n[^\n]*apt-get install -y redis-server/);
	});
});
