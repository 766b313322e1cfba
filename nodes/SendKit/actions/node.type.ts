/** Every resource of the SendKit node and its operations: the router must handle each of them. */
export type SendKitResources = {
	lead: 'create' | 'get' | 'getAll' | 'update' | 'delete' | 'import' | 'verifyEmail';
	campaign: 'getAll' | 'get' | 'addLeads';
};
