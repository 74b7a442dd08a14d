import { billomatScenario } from './billomat';
import { registrationScenario } from './registration';
import type { Scenario } from './types';

/** Every template with the scenario that proves it; the template test fails for a template missing here. */
export const SCENARIOS: readonly Scenario[] = [billomatScenario, registrationScenario];
