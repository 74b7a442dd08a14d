import type { OperationOption } from '../../../shared/n8n/properties';
import { newsletterOperation } from '../newsletter';

export const { description, execute } = newsletterOperation('contact');

export const option: OperationOption = { name: 'Get Newsletter Contacts', description: 'Get contact persons as newsletter contacts with a consent decision, one per email address', action: 'Get contacts as newsletter contacts' };
