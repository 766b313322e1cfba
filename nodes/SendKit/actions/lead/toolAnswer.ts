import type { ToolAnswer } from '../../../shared/toolAnswer';

/** What an agent acts on in a SendKit lead (and a duplicate's conflict); the rest stays behind Return Whole Records. */
const LEAD_FIELDS = ['_id', 'email', 'firstName', 'lastName', 'companyName', 'jobTitle', 'tags', 'emailVerified', 'emailVerificationResult', 'conflict'];

/** A compact answer for the outcomes that carry a SendKit lead. */
export function leadToolAnswer(...outcomes: string[]): ToolAnswer {
	return { outcomes, fields: LEAD_FIELDS };
}
