/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in plain Node, not inside n8n */
import fs from 'node:fs';
import path from 'node:path';

import { repoRoot } from '../helpers/world';

/**
 * The README is also the npm page, where relative links to files outside the package break: pictures and examples are
 * linked by absolute URL into the published package, and those files are in it (package.json `files`).
 */
describe('README links on the npm page', () => {
	const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
	const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; files: string[] };
	const published = `https://unpkg.com/${pkg.name}@latest/`;

	it('links pictures and examples into the published package, to files that exist and are published', () => {
		const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]);
		const packageLinks = links.filter((link) => link.startsWith(published));
		expect(packageLinks.length).toBeGreaterThan(5);
		for (const link of packageLinks) {
			const file = link.slice(published.length);
			expect({ file, exists: fs.existsSync(path.join(repoRoot, file)) }).toEqual({ file, exists: true });
			expect({ file, published: pkg.files.some((entry) => file === entry || file.startsWith(`${entry}/`)) }).toEqual({ file, published: true });
		}
		const relative = links.filter((link) => !/^(https?:|#|mailto:)/.test(link));
		// (A folder is linked through unpkg's browser, https://unpkg.com/browse/…, which is absolute too.)
		expect(relative).toEqual([]);
	});
});
