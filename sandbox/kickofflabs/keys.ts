import { randomHex, type KeyMode } from '../core/keys';

export interface KickoffLabsIdentity {
	apiKey: string;
	defaultCampaignId: number;
	otherCampaignId: number;
}

export function kickoffLabsIdentity(mode: KeyMode): KickoffLabsIdentity {
	// Campaign ids are seeded data, not secrets: the same in both modes.
	return { apiKey: mode === 'fixed' ? 'a1b2c3d4e5f60718'.repeat(2) : randomHex(16), defaultCampaignId: 135544, otherCampaignId: 135545 };
}
