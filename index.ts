// n8n loads the files listed in package.json's "n8n" block; this entry serves programmatic use.
export { MaileonApi } from './credentials/MaileonApi.credentials';
export { Newsletter2GoApi } from './credentials/Newsletter2GoApi.credentials';
export { BillomatApi } from './credentials/BillomatApi.credentials';
export { Maileon } from './nodes/Maileon/Maileon.node';
export { MaileonTrigger } from './nodes/Maileon/MaileonTrigger.node';
export { Newsletter2Go } from './nodes/Newsletter2Go/Newsletter2Go.node';
export { Billomat } from './nodes/Billomat/Billomat.node';
export { BillomatTrigger } from './nodes/Billomat/BillomatTrigger.node';
export { SyncReport } from './nodes/SyncReport/SyncReport.node';
