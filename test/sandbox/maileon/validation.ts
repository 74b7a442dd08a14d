import type { ContactInput } from './contactInput';
import { checkCustomField, checkStandardField } from './fields';
import type { FieldError } from './fields';
import type { MaileonState } from './state';

/** First invalid field value of a contact (errors 6–27), in the order the request lists them. */
export function findFieldError(input: ContactInput, state: MaileonState): FieldError | undefined {
	for (const [name, value] of input.standardFields) {
		if (value === null) continue;
		const error = checkStandardField(name, value, state.settings);
		if (error) return error;
	}
	for (const [name, value] of input.customFields) {
		const error = checkCustomField(name, value ?? '', state.customFieldType(name));
		if (error) return error;
	}
	return undefined;
}
