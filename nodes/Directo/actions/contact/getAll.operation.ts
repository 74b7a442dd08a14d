import { getManyOperation } from '../listing';

export const { description, execute } = getManyOperation('contact');
