import { newsletterOperation } from '../newsletter';

export const { description, execute } = newsletterOperation('customer');
