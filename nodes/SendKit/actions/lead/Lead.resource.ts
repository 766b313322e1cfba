import { resourceDescription } from '../../../shared/router';
import { create } from './create.operation';
import { deleteLeads } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { importLeads } from './import.operation';
import { update } from './update.operation';
import { verifyEmail } from './verifyEmail.operation';

export const operations = [create, deleteLeads, get, getAll, importLeads, update, verifyEmail] as const;

export const description = resourceDescription('lead', operations, 'create');
