// n8n loads the files listed in package.json's "n8n" block; this entry serves programmatic use.
export { MaileonApi } from './credentials/MaileonApi.credentials';
export { Maileon } from './nodes/Maileon/Maileon.node';
