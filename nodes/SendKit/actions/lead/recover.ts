import type { IExecuteFunctions } from 'n8n-workflow';

import type { LostAnswer, Recovery } from '../../../shared/request';
import type { Run } from '../../../shared/run';
import { findLeadByEmail, getLeadById } from './lookup';

/**
 * How far SendKit's clock may be behind this machine's while a lead it created for this very call still counts as
 * created by it. A lead created by someone else within this window before the call would be taken for this call's.
 */
export const CLOCK_TOLERANCE_MS = 1000;

/**
 * What became of a create whose answer was lost: looks the email up instead of sending the create again.
 * - No such lead: the create did not take effect; send it again.
 * - A lead created since the create was first sent: this call created it; the answer is SendKit's 201 with the full
 *   lead (so it goes to Created, not to Existing Lead, which a resend would have said).
 * - An older lead: it existed before; the answer is the 409 SendKit gave (or would have given) for it.
 */
export async function recoverCreate(
	run: Run<IExecuteFunctions>,
	email: string,
	lost: LostAnswer,
	itemIndex: number,
): Promise<Recovery> {
	const lead = await findLeadByEmail(run, email, itemIndex);
	if (!lead) return { resend: true };
	const createdAt = typeof lead.createdAt === 'string' ? Date.parse(lead.createdAt) : Number.NaN;
	if (Number.isFinite(createdAt) && createdAt >= lost.firstSentAt - CLOCK_TOLERANCE_MS) {
		const full = (await getLeadById(run, lead._id, itemIndex)) ?? lead;
		return { answer: { statusCode: 201, body: { success: true, data: full }, headers: {} } };
	}
	return {
		answer: {
			statusCode: 409,
			body: {
				success: false,
				error: { code: 'CONFLICT', message: 'Lead with this email already exists (found after the answer to the create was lost)' },
				data: lead,
			},
			headers: {},
		},
	};
}
