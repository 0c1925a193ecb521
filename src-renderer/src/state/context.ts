/** Gives components the API client and job store that main.ts creates once per window. */
import { inject, type InjectionKey } from 'vue';

import type { ApiClient } from '../api/client.ts';
import type { JobStore } from './jobs.ts';

export const API_KEY: InjectionKey<ApiClient> = Symbol('api');
export const JOBS_KEY: InjectionKey<JobStore> = Symbol('jobs');

export function useApi(): ApiClient {
  const api = inject(API_KEY);
  if (!api) throw new Error('useApi() needs the API client that main.ts provides');
  return api;
}

export function useJobs(): JobStore {
  const jobs = inject(JOBS_KEY);
  if (!jobs) throw new Error('useJobs() needs the job store that main.ts provides');
  return jobs;
}
