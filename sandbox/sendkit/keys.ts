import { randomHex, type KeyMode } from '../core/keys';

export interface SendKitIdentity {
	workspaceKey: string;
	platformKey: string;
	/** The platform user; owner of `workspaceId` and creator of its workspace key. */
	userId: string;
	workspaceId: string;
	/** Exists, but the platform user is not a member. */
	otherWorkspaceId: string;
	otherWorkspaceOwnerId: string;
}

// Ids are seeded data, not secrets, so they stay the same in both modes; only the keys change.
// userId and workspaceId are the values of the SendKit create-lead seed, so fixed-mode output reads like the docs.
const FIXED_IDS = {
	userId: '664f0a1b2c3d4e5f6a7b8c9d',
	workspaceId: '664f0a1b2c3d4e5f6a7b8c9e',
	otherWorkspaceId: '664f0a1b2c3d4e5f6a7b8c9f',
	otherWorkspaceOwnerId: '664f0a1b2c3d4e5f6a7b8ca0',
} as const;

export function sendKitIdentity(mode: KeyMode): SendKitIdentity {
	return mode === 'fixed'
		? { ...FIXED_IDS, workspaceKey: `sk_${'0123456789abcdef'.repeat(3)}`, platformKey: `sk_user_${'fedcba9876543210'.repeat(2)}fedcba98` }
		: { ...FIXED_IDS, workspaceKey: `sk_${randomHex(24)}`, platformKey: `sk_user_${randomHex(20)}` };
}
