/** The statuses a fault can inject by number (queue, random mode, rate limit). */
export type FaultStatus = 429 | 500 | 502 | 503;

/** HTTP reason phrases of the statuses the emulated APIs answer with. */
export const STATUS_REASONS: Readonly<Record<number, string>> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
};

export const RATE_LIMIT_MESSAGE = 'Rate limit exceeded';

/** The human message both APIs put in a faulted answer: "Rate limit exceeded" for 429, else the reason phrase. */
export function faultMessage(status: FaultStatus): string {
	return status === 429 ? RATE_LIMIT_MESSAGE : STATUS_REASONS[status];
}
