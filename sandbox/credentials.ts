import { randomBytes } from 'node:crypto';

export type KeyMode = 'fixed' | 'random';

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

export interface KickoffLabsIdentity {
	apiKey: string;
	defaultCampaignId: number;
	otherCampaignId: number;
}

export interface SandboxCredentials {
	sendKit: SendKitIdentity;
	kickoffLabs: KickoffLabsIdentity;
}

// Ids are seeded data, not secrets, so they stay the same in both modes; only the keys change.
// userId and workspaceId are the values of the SendKit create-lead seed, so fixed-mode output reads like the docs.
const FIXED_IDS = {
	userId: '664f0a1b2c3d4e5f6a7b8c9d',
	workspaceId: '664f0a1b2c3d4e5f6a7b8c9e',
	otherWorkspaceId: '664f0a1b2c3d4e5f6a7b8c9f',
	otherWorkspaceOwnerId: '664f0a1b2c3d4e5f6a7b8ca0',
	defaultCampaignId: 135544,
	otherCampaignId: 135545,
} as const;

const FIXED_KEYS = {
	workspaceKey: `sk_${'0123456789abcdef'.repeat(3)}`,
	platformKey: `sk_user_${'fedcba9876543210'.repeat(2)}fedcba98`,
	kickoffLabsApiKey: 'a1b2c3d4e5f60718'.repeat(2),
} as const;

export function createCredentials(mode: KeyMode): SandboxCredentials {
	const keys =
		mode === 'fixed'
			? FIXED_KEYS
			: {
					workspaceKey: `sk_${randomHex(24)}`,
					platformKey: `sk_user_${randomHex(20)}`,
					kickoffLabsApiKey: randomHex(16),
				};
	return {
		sendKit: {
			workspaceKey: keys.workspaceKey,
			platformKey: keys.platformKey,
			userId: FIXED_IDS.userId,
			workspaceId: FIXED_IDS.workspaceId,
			otherWorkspaceId: FIXED_IDS.otherWorkspaceId,
			otherWorkspaceOwnerId: FIXED_IDS.otherWorkspaceOwnerId,
		},
		kickoffLabs: {
			apiKey: keys.kickoffLabsApiKey,
			defaultCampaignId: FIXED_IDS.defaultCampaignId,
			otherCampaignId: FIXED_IDS.otherCampaignId,
		},
	};
}

function randomHex(bytes: number): string {
	return randomBytes(bytes).toString('hex');
}
