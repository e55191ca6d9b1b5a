export { CHANNELS, type Channel } from "./channels.ts";
export { type GroupSummary, type LatencySummary, percentile, summarize } from "./measure.ts";
export { externalPlatform, SURGE_PLATFORM_ENV, startPlatform } from "./platform.ts";
export {
  CONTACT_REASONS,
  type ContactReason,
  multiplierAt,
  PROFILES,
  phaseAt,
  profileHours,
  RETURNS_REASONS,
  type SurgeProfile,
  shareOf,
} from "./profiles.ts";
export { type WrittenReport, writeReport } from "./report.ts";
export {
  DEFAULT_TESTS_DIR,
  runSurge,
  type SurgeOptions,
  type SurgeProgress,
  type SurgeResult,
} from "./run.ts";
export {
  DEFAULT_CRITERIA,
  describeSaturation,
  judgeSteps,
  nextStepRate,
  type SaturationCriteria,
  type StepMeasure,
  saturationPoint,
} from "./saturation.ts";
export { loadScripts } from "./scripts.ts";
