import { backSyncScenario } from './backSync';
import { billomatScenario } from './billomat';
import { directoScenario } from './directo';
import { errorReportScenario } from './errorReport';
import { kuferScenario } from './kufer';
import { portalScenario } from './portal';
import { registrationScenario } from './registration';
import { suppressionListSetupScenario } from './suppressionListSetup';
import type { Scenario } from './types';

/** Every template with the scenario that proves it; the template test fails for a template missing here. */
export const SCENARIOS: readonly Scenario[] = [billomatScenario, directoScenario, kuferScenario, registrationScenario, errorReportScenario, portalScenario, backSyncScenario, suppressionListSetupScenario];
