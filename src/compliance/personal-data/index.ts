export type { PersonalDataHolder } from "./holder.ts";
export { type CustomerExport, type ErasureReport, PersonalDataService } from "./service.ts";
