import { LEAD_FIELD_NAMES, type SendKitLead, type SendKitWorkspace } from './store';

// Key order of the create-lead example in the docs (seeds/sendkit-create-lead.txt); absent optional fields are skipped.
const FULL_LEAD_KEYS = [
	'_id',
	'email',
	...LEAD_FIELD_NAMES,
	'tags',
	'customFields',
	'emailVerified',
	'userId',
	'workspaceId',
	'createdAt',
	'updatedAt',
] as const satisfies readonly (keyof SendKitLead)[];

// The docs' list example carries no linkedinUrl, phoneNumber, customFields or updatedAt (docs §3.4).
const LIST_EXCLUDED_KEYS: ReadonlySet<keyof SendKitLead> = new Set(['linkedinUrl', 'phoneNumber', 'customFields', 'updatedAt']);
const LIST_ITEM_KEYS = FULL_LEAD_KEYS.filter((key) => !LIST_EXCLUDED_KEYS.has(key));

// The 409 example returns only these four fields of the existing lead.
const CONFLICT_KEYS = ['_id', 'email', 'firstName', 'lastName'] as const satisfies readonly (keyof SendKitLead)[];

export function fullLeadView(lead: SendKitLead): Record<string, unknown> {
	return pickInOrder(lead, FULL_LEAD_KEYS);
}

export function leadListItemView(lead: SendKitLead): Record<string, unknown> {
	return pickInOrder(lead, LIST_ITEM_KEYS);
}

export function conflictLeadView(lead: SendKitLead): Record<string, unknown> {
	return pickInOrder(lead, CONFLICT_KEYS);
}

export function workspaceView(workspace: SendKitWorkspace): Record<string, unknown> {
	return {
		id: workspace.id,
		name: workspace.name,
		ownerId: workspace.ownerId,
		memberCount: workspace.memberIds.length,
		createdAt: workspace.createdAt,
	};
}

function pickInOrder(lead: SendKitLead, keys: readonly (keyof SendKitLead)[]): Record<string, unknown> {
	const view: Record<string, unknown> = {};
	for (const key of keys) {
		if (lead[key] !== undefined) view[key] = lead[key];
	}
	return view;
}
