/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, not inside n8n */
/**
 * The editor login of the local instance. n8n 2.41 creates (and on every start overwrites) the
 * instance owner from environment variables (packages/cli/src/instance-settings-loader/loaders/
 * owner.instance-settings-loader.ts, run by `n8n start`): N8N_INSTANCE_OWNER_MANAGED_BY_ENV=true,
 * N8N_INSTANCE_OWNER_EMAIL and a bcrypt N8N_INSTANCE_OWNER_PASSWORD_HASH.
 * These are fixed, local-only sandbox values, printed on purpose.
 */
import * as path from 'path';
import { createRequire } from 'module';
import type { Runtime } from './runtime';

export const OWNER_EMAIL = 'owner@example.com';
export const OWNER_PASSWORD = 'Sandbox-Pass-123';
export const OWNER_FIRST_NAME = 'Sandbox';
export const OWNER_LAST_NAME = 'Owner';

interface Bcrypt {
	hashSync(password: string, rounds: number): string;
}

/** Hashes with n8n's own bcrypt implementation (bcryptjs, a dependency of n8n). */
function hashPassword(runtime: Runtime, password: string): string {
	const requireFromN8n = createRequire(path.join(runtime.n8nDir, 'node_modules', 'n8n', 'package.json'));
	const bcrypt = requireFromN8n('bcryptjs') as Bcrypt;
	return bcrypt.hashSync(password, 10);
}

export function ownerEnv(runtime: Runtime): NodeJS.ProcessEnv {
	return {
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: OWNER_EMAIL,
		N8N_INSTANCE_OWNER_FIRST_NAME: OWNER_FIRST_NAME,
		N8N_INSTANCE_OWNER_LAST_NAME: OWNER_LAST_NAME,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: hashPassword(runtime, OWNER_PASSWORD),
	};
}
