import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { withFailure } from '../../../shared/failureKind';
import type { Run } from '../../../shared/run';
import type { LeadFields } from '../../fields/lead.fields';
import type { TagsMode } from '../../fields/tagsMode.field';
import { getLeadById } from './lookup';

const storedTagsSchema = z.array(z.string());

/**
 * The fields to PATCH onto an existing lead, with Tags turned into the lead's whole new list as Tags Mode says (SendKit
 * replaces the list). Reads the lead only when that needs its current tags; undefined when SendKit has no such lead.
 */
export async function withTagsApplied(
	run: Run<IExecuteFunctions>,
	leadId: string,
	fields: LeadFields,
	mode: TagsMode,
	itemIndex: number,
): Promise<LeadFields | undefined> {
	if (fields.tags === undefined || mode === 'replace') return fields;
	const lead = await getLeadById(run, leadId, itemIndex);
	if (!lead) return undefined;
	const current = storedTagsSchema.safeParse(lead.tags ?? []);
	if (!current.success) {
		// Writing a list computed from tags that could not be read would drop the lead's own: change nothing.
		const error = new NodeOperationError(run.context.getNode(), 'SendKit: the lead\'s current tags could not be read, so its tags were not changed', {
			itemIndex,
			description: 'Set Tags Mode to Replace All to set the whole list instead.',
		});
		throw withFailure(error, { kind: 'refused' });
	}
	const given = new Set(fields.tags);
	const tags = mode === 'add' ? [...new Set([...current.data, ...fields.tags])] : current.data.filter((tag) => !given.has(tag));
	return { ...fields, tags };
}
