export { basicAuthorization, PASSWORD_GRANT, REFRESH_GRANT, TOKEN_PATH } from './auth';
export { compileFilter, FilterError } from './filter';
export { startNewsletter2GoSandbox } from './server';
export type { Newsletter2GoSandbox, Newsletter2GoSandboxOptions } from './server';
export { defaultSettings, NEWSLETTER2GO_DEMO_LOGIN } from './settings';
export type { Newsletter2GoSettings } from './settings';
export { Newsletter2GoState } from './state';
export type { AttributeRecord, GroupRecord, ListRecord, RecipientRecord, SeedRecipient, TokenResponse } from './state';
