/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in plain Node, not inside n8n */
import fs from 'node:fs';
import path from 'node:path';

import { outputSchemas, regenerate } from '../../dev/docs/outputFields';
import { repoRoot } from '../helpers/world';

describe('README output fields', () => {
	const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

	it('documents every operation that has an output schema', () => {
		expect(outputSchemas(repoRoot).size).toBeGreaterThanOrEqual(10);
		expect(regenerate(repoRoot, readme).missing).toEqual([]);
	});

	it('lists exactly the fields of each output schema (run `npm run docs` after changing a schema)', () => {
		expect(regenerate(repoRoot, readme).readme).toBe(readme);
	});
});
