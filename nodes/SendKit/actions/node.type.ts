/** Every resource of the SendKit node and its operations: the router must handle each of them. */
export type SendKitResources = {
	lead: 'create' | 'get';
};
