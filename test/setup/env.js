// n8n-core reads these when it is first loaded: keep its settings out of the user's home folder.
const os = require('node:os');
const path = require('node:path');
const fs = require('node:fs');

const folder = path.join(os.tmpdir(), 'n8n-nodes-newsletter-sync-test');
fs.mkdirSync(folder, { recursive: true });
process.env.N8N_USER_FOLDER = folder;
process.env.N8N_ENCRYPTION_KEY = 'test-encryption-key';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
// node errors are asserted by the tests; n8n's logger would print each one again
process.env.N8N_LOG_LEVEL = 'silent';
// templates read and write files (KUFER exports, back-sync files) in temporary folders
process.env.N8N_RESTRICT_FILE_ACCESS_TO = fs.realpathSync(os.tmpdir());
