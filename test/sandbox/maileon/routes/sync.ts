import type { Query, Route } from '../../framework/types';
import { readContactsXml } from '../contactInput';
import { boolParam, hasBody, HttpError, intParam, requireMediaType, route, XML_MEDIA_TYPE, xmlResponse } from '../http';
import { renderSyncReport } from '../render';
import type { MaileonState } from '../state';
import { synchronizeContacts } from '../sync';
import type { SyncParams } from '../sync';
import { api } from './base';

/** `POST /contacts`, bulk synchronisation (maileon.md §6.8). */
export function syncRoutes(state: MaileonState): Route[] {
	return [
		{
			method: 'POST',
			path: api('/contacts'),
			handler: route((req) => {
				const params = readSyncParams(state, req.query);
				if (!hasBody(req)) throw new HttpError(400, 'Expected a <contacts> body');
				requireMediaType(req, XML_MEDIA_TYPE);
				const contacts = readContactsXml(req.body);
				const max = state.settings.maxBatchSize;
				if (contacts.length > max) {
					throw new HttpError(
						state.settings.oversizeStatus,
						`Too many contacts: ${contacts.length}, at most ${max} per request`,
					);
				}
				const report = synchronizeContacts(state, params, contacts);
				const status = report.success ? 200 : state.settings.rejectedBatchStatus;
				return xmlResponse(status, renderSyncReport(state.settings.reportRootName, report));
			}),
		},
	];
}

function readSyncParams(state: MaileonState, query: Query): SyncParams {
	const useExternalId = boolParam(query, 'use_external_id') ?? false;
	const preferMaileonId = boolParam(query, 'prefer_maileon_id') ?? false;
	if (useExternalId && preferMaileonId) {
		throw new HttpError(400, 'prefer_maileon_id and use_external_id cannot both be true');
	}
	const syncMode = intParam(query, 'sync_mode', { min: 1, max: 2 }) ?? 2;
	return {
		permission: intParam(query, 'permission', { min: 1, max: 6 }),
		syncMode: syncMode === 1 ? 1 : 2,
		useExternalId,
		preferMaileonId,
		ignoreInvalidContacts: boolParam(query, 'ignore_invalid_contacts') ?? false,
		overridePermission: boolParam(query, 'override_permission') ?? true,
		reimportUnsubscribedContacts:
			boolParam(query, 'reimport_unsubscribed_contacts') ??
			state.settings.reimportUnsubscribedDefault,
		updateOnly: boolParam(query, 'update_only') ?? false,
	};
}
