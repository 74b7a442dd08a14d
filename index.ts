// n8n loads the files listed in package.json's "n8n" block; this entry serves programmatic use.
export { MaileonApi } from './credentials/MaileonApi.credentials';
export { Newsletter2GoApi } from './credentials/Newsletter2GoApi.credentials';
export { Maileon } from './nodes/Maileon/Maileon.node';
export { MaileonTrigger } from './nodes/Maileon/MaileonTrigger.node';
export { Newsletter2Go } from './nodes/Newsletter2Go/Newsletter2Go.node';
