/* eslint-disable @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-require-imports -- test code: runs in plain Node, not inside n8n; .ci/front-door.js is plain JavaScript */
import fs from 'node:fs';
import path from 'node:path';

import { repoRoot } from '../helpers/world';

const { readmeCommands } = require('../../.ci/front-door.js') as {
	readmeCommands: (readme: string) => { start: string; test: string };
};

const read = (file: string): string => fs.readFileSync(path.join(repoRoot, file), 'utf8');

describe('the front door: what the README tells a new user to run is what CI runs', () => {
	it('reads the two commands from the README, each installing first as a fresh clone needs', () => {
		expect(readmeCommands(read('README.md'))).toEqual({ start: 'npm ci && npm start', test: 'npm ci && npm test' });
	});

	it('says "The two commands" once, so CI cannot read a different list than the one users read', () => {
		expect(read('README.md').match(/^The two commands/gm)).toHaveLength(1);
	});

	it('refuses a README whose quick start is not one start and one test command', () => {
		expect(() => readmeCommands('The two commands:\n\n```bash\nnpm ci && npm start\n```\n')).toThrow(/one npm start and one npm test/);
		expect(() => readmeCommands('# no quick start\n')).toThrow(/no ```bash block/);
	});

	it('CI runs the README commands on a fresh clone before anything else, and never npm start or npm test on its own', () => {
		const ci = read('.ci/run');
		const frontDoor = ci.indexOf('node .ci/front-door.js "$clone"');
		expect(frontDoor).toBeGreaterThan(ci.indexOf('git clone -q "$repo" "$clone"'));
		expect(frontDoor).toBeLessThan(ci.indexOf('npm run lint'));
		expect(ci).not.toMatch(/^\s*npm (ci|start|test)\b/m);
	});

	it('has no pre or post script: .npmrc sets ignore-scripts, under which npm would skip it (also for npm start)', () => {
		expect(read('.npmrc')).toMatch(/^ignore-scripts=true$/m);
		const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
		expect(Object.keys(scripts).filter((name) => /^(pre|post)/.test(name) && name.replace(/^(pre|post)/, '') in scripts)).toEqual([]);
		expect(scripts.start).toMatch(/^npm run build && npm run build:dev && exec node /);
	});
});
