import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

/**
 * What Tags do to a lead that already exists. SendKit's PATCH replaces a lead's tags (docs/api-notes.md#sendkit-leads),
 * so adding or removing means reading the lead's tags first; adding is the default because it never loses a tag.
 */
export const tagsModeProperty: INodeProperties = {
	displayName: 'Tags Mode',
	name: 'tagsMode',
	type: 'options',
	default: 'add',
	description:
		'What Tags do to the tags the lead already has. SendKit can only replace a lead\'s tags, so Add to Existing and Remove first read the lead: one extra request per item that sets Tags.',
	options: [
		{ name: 'Add to Existing', value: 'add', description: 'The lead keeps its tags and gets these too (one extra read per item)' },
		{ name: 'Remove', value: 'remove', description: 'These tags are taken off the lead; its other tags stay (one extra read per item)' },
		{ name: 'Replace All', value: 'replace', description: 'The lead\'s tags become exactly these; every other tag is removed' },
	],
};

export const tagsModeSchema = z.enum(['add', 'remove', 'replace'], { message: 'must be Add to Existing, Remove or Replace All' });

export type TagsMode = z.infer<typeof tagsModeSchema>;
