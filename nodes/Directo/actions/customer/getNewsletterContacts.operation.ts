import type { OperationOption } from '../../../shared/n8n/properties';
import { newsletterOperation } from '../newsletter';

export const { description, execute } = newsletterOperation('customer');

export const option: OperationOption = { name: 'Get Newsletter Contacts', description: 'Get customers as newsletter contacts with a consent decision, one per email address', action: 'Get customers as newsletter contacts' };
