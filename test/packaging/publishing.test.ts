/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in plain Node, not inside n8n */
import fs from 'node:fs';
import path from 'node:path';

import { CURRENT_N8N, N8N_1 } from '../../dev/real-n8n/runtime';
import { repoRoot } from '../helpers/world';

const read = (file: string): string => fs.readFileSync(path.join(repoRoot, file), 'utf8');

function section(markdown: string, heading: string): string {
	const start = markdown.indexOf(`\n## ${heading}\n`);
	if (start < 0) throw new Error(`README has no "## ${heading}"`);
	const end = markdown.indexOf('\n## ', start + 1);
	return markdown.slice(start, end < 0 ? undefined : end);
}

describe('README Compatibility: the n8n versions tested, each run by CI', () => {
	it('lists exactly the n8n releases the runtime installs, and .ci/run runs the packages smoke on each', () => {
		const rows = section(read('README.md'), 'Compatibility')
			.split('\n')
			.filter((line) => /^\| \d/.test(line))
			.map((line) => line.split('|')[1].trim().split(' ')[0]);
		expect(rows).toEqual([CURRENT_N8N.version, N8N_1.version]);
		const ci = read('.ci/run');
		expect(ci).toMatch(/^npm run test:e2e:packages \|\| exit 1$/m);
		expect(ci).toMatch(/^npm run test:e2e:packages -- --n8n=1 \|\| exit 1$/m);
		expect(ci).toMatch(/^npm run test:e2e \|\| exit 1$/m);
	});

	it('the packages smoke is the same on every release: test/e2e/packages.ts names a release only to pick it', () => {
		const smoke = read('test/e2e/packages.ts');
		const uses = (name: string) => smoke.split('\n').filter((line) => new RegExp(`\\b${name}\\b`).test(line) && !line.startsWith('import '));
		expect(uses('CURRENT_N8N')).toEqual(["\tconst release = process.argv.includes('--n8n=1') ? N8N_1 : CURRENT_N8N;"]);
		expect(uses('N8N_1')).toEqual(uses('CURRENT_N8N'));
		expect(smoke).not.toMatch(/release(\.version)? [!=]==/);
		expect(section(read('README.md'), 'Compatibility')).toContain('The same packages smoke (`npm run test:e2e:packages -- --n8n=1`)');
	});

	it('says Community Nodes cannot record the combined package beside the per-service ones, which the smoke checks', () => {
		expect(section(read('README.md'), 'Compatibility')).toMatch(/with `n8n-nodes-sendkit` and `n8n-nodes-kickofflabs` installed, it cannot record\s+`n8n-nodes-lead-capture`/);
		expect(read('test/e2e/packages.ts')).toMatch(/packages: PACKAGES\.map\(\(spec\) => spec\.name\),\n\t\trefused: COMBINED,/);
	});
});

describe('README Publishing: the workflows it describes', () => {
	const publish = read('.github/workflows/publish.yml');

	it('publish.yml runs on a version tag and publishes every npm run pack tarball with provenance, after the checks', () => {
		expect(publish).toMatch(/on:\n {2}push:\n {4}tags:\n {6}- '\*\.\*\.\*'/);
		expect(publish).toMatch(/id-token: write/);
		expect(publish).toMatch(/needs: check/);
		for (const step of ['npm run lint', 'npm test', 'npm run pack -- --for-publish', 'npm run pack:check']) {
			expect({ step, present: publish.includes(`run: ${step}\n`) }).toEqual({ step, present: true });
		}
		expect(publish).toMatch(/for tarball in packs\/\*\.tgz; do\n\s+npm publish "\$tarball" --provenance --access public/);
		expect(publish).toMatch(/test "\$GITHUB_REF_NAME" = "\$\(node -p "require\('.\/package.json'\).version"\)"/);
	});

	it('ci.yml checks pull requests with lint, tests and the package scans', () => {
		const ci = read('.github/workflows/ci.yml');
		expect(ci).toMatch(/on:\n {2}pull_request:/);
		for (const step of ['npm run lint', 'npm test', 'npm run pack', 'npm run pack:check']) {
			expect({ step, present: ci.includes(`run: ${step}\n`) }).toEqual({ step, present: true });
		}
	});
});
