export { RetentionJob, type RetentionReport, type RetentionTarget } from "./retention.ts";
