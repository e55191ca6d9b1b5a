export { type CustomerMove, SimulatedCustomer, type StopReason } from "./customer.ts";
export { buildPersona, type Goal, type Persona, readTaskTexts } from "./personas.ts";
export { MessageReader, numberedOptions, type ReadMessage } from "./reader.ts";
export {
  passHatK,
  policyViolations,
  runSimulation,
  type SimulationOptions,
  type SimulationReport,
  type Split,
  type TrialResult,
} from "./runner.ts";
