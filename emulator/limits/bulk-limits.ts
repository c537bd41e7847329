import type { EmulatorClock } from '../clock.js';
import { ApiUsage } from './api-usage.js';

/** Query jobs per rolling 24 hours (docs/salesforce-api.md §6.5). */
export const DAILY_BULK_V2_QUERY_JOBS = 10_000;
/** Batches per rolling 24 hours, Bulk API 1.0 and 2.0 ingest together (docs/salesforce-api.md §6.5). */
export const DAILY_BULK_API_BATCHES = 15_000;
/** Query results stored per rolling 24 hours: 1 TB, which Salesforce states as 10^9 KB and /limits floors to MB. */
const ONE_TB_KB = 1_000_000_000;
export const DAILY_BULK_V2_QUERY_FILE_STORAGE_MB = Math.floor(ONE_TB_KB / 1024);

export interface BulkLimitSettings {
  dailyBulkV2QueryJobs: number;
  dailyBulkV2QueryFileStorageMB: number;
  dailyBulkApiBatches: number;
}

interface LimitEntry {
  Max: number;
  Remaining: number;
}

/** The org's Bulk allocations, each a rolling 24-hour count of emulator time like DailyApiRequests. */
export class BulkLimits {
  readonly queryJobs: ApiUsage;
  /** Kept in KB, as the limit error states it. */
  readonly queryStorageKb: ApiUsage;
  readonly batches: ApiUsage;
  private readonly storageMaxMb: number;

  constructor(clock: EmulatorClock, settings: BulkLimitSettings) {
    this.storageMaxMb = settings.dailyBulkV2QueryFileStorageMB;
    const storageMaxKb = this.storageMaxMb === DAILY_BULK_V2_QUERY_FILE_STORAGE_MB ? ONE_TB_KB : this.storageMaxMb * 1024;
    this.queryJobs = new ApiUsage(clock, settings.dailyBulkV2QueryJobs);
    this.queryStorageKb = new ApiUsage(clock, storageMaxKb);
    this.batches = new ApiUsage(clock, settings.dailyBulkApiBatches);
  }

  /** `DailyBulkApiBatches`, `DailyBulkV2QueryFileStorageMB` and `DailyBulkV2QueryJobs` of `/limits`. */
  entries(): Record<string, LimitEntry> {
    const remaining = (usage: ApiUsage): number => Math.max(0, usage.max - usage.used());
    return {
      DailyBulkApiBatches: { Max: this.batches.max, Remaining: remaining(this.batches) },
      DailyBulkV2QueryFileStorageMB: {
        Max: this.storageMaxMb,
        Remaining: Math.max(0, this.storageMaxMb - Math.ceil(this.queryStorageKb.used() / 1024)),
      },
      DailyBulkV2QueryJobs: { Max: this.queryJobs.max, Remaining: remaining(this.queryJobs) },
    };
  }
}
