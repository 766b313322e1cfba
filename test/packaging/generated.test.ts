/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in plain Node, not inside n8n */
import fs from 'node:fs';
import path from 'node:path';

import { githubRepository, packageJsonFor } from '../../packaging/manifest';
import { PACKAGES } from '../../packaging/packages';
import { committedFiles, readRootPackageJson } from '../../packaging/tarballs';
import { repoRoot } from '../helpers/world';

describe('the per-service package.json and README.md committed under packaging/', () => {
	it('are exactly what npm run pack makes from package.json and README.md (run it after changing either)', () => {
		const generated = committedFiles(repoRoot);
		expect(Object.keys(generated).sort()).toEqual([
			'packaging/n8n-nodes-kickofflabs/README.md',
			'packaging/n8n-nodes-kickofflabs/package.json',
			'packaging/n8n-nodes-sendkit/README.md',
			'packaging/n8n-nodes-sendkit/package.json',
		]);
		for (const [file, text] of Object.entries(generated)) {
			const committed = fs.existsSync(path.join(repoRoot, file)) ? fs.readFileSync(path.join(repoRoot, file), 'utf8') : '(missing)';
			expect({ file, upToDate: committed === text }).toEqual({ file, upToDate: true });
		}
	});

	it('each README holds its service node section, its credential and its triggers, and none of the other service', () => {
		const sendKit = fs.readFileSync(path.join(repoRoot, 'packaging/n8n-nodes-sendkit/README.md'), 'utf8');
		const kickoffLabs = fs.readFileSync(path.join(repoRoot, 'packaging/n8n-nodes-kickofflabs/README.md'), 'utf8');
		for (const heading of ['## SendKit node', '### SendKit API', '### SendKit Trigger', '### SendKit New Lead Trigger', '## Install']) {
			expect({ heading, present: sendKit.includes(`\n${heading}`) }).toEqual({ heading, present: true });
		}
		for (const heading of ['## KickoffLabs node', '### KickoffLabs API', '### KickoffLabs Trigger', '## Install']) {
			expect({ heading, present: kickoffLabs.includes(`\n${heading}`) }).toEqual({ heading, present: true });
		}
		expect(sendKit).not.toMatch(/kickoff/i);
		expect(kickoffLabs).not.toMatch(/sendkit/i);
	});
});

describe("repository, bugs and homepage, from package.json's repository", () => {
	const root = readRootPackageJson(repoRoot);
	const [sendKit, , combined] = PACKAGES;

	it('until it is filled in, every package points its homepage at its npm page and says why it cannot be verified', () => {
		const unset = { ...root, repository: undefined };
		expect(packageJsonFor(sendKit, unset)).toMatchObject({ homepage: 'https://www.npmjs.com/package/n8n-nodes-sendkit' });
		expect(packageJsonFor(sendKit, unset)).not.toHaveProperty('repository');
		expect(githubRepository(unset)).toEqual({ missing: expect.stringContaining('provenance') });
		expect(githubRepository({ repository: 'https://gitlab.com/o/r' })).toEqual({ missing: expect.stringContaining('not a GitHub repository') });
	});

	it('once set, each package links the repository, its issues and its own folder', () => {
		const filled = { ...root, repository: 'github:acme/lead-nodes' };
		expect(packageJsonFor(sendKit, filled)).toMatchObject({
			homepage: 'https://github.com/acme/lead-nodes/tree/main/packaging/n8n-nodes-sendkit#readme',
			repository: { type: 'git', url: 'git+https://github.com/acme/lead-nodes.git', directory: 'packaging/n8n-nodes-sendkit' },
			bugs: { url: 'https://github.com/acme/lead-nodes/issues' },
		});
		expect(packageJsonFor(combined, { ...root, repository: { type: 'git', url: 'git+https://github.com/acme/lead-nodes.git' } })).toMatchObject({
			homepage: 'https://github.com/acme/lead-nodes#readme',
			repository: { type: 'git', url: 'git+https://github.com/acme/lead-nodes.git' },
		});
	});
});
