/** Gives components the API client, job store and workspace store that main.ts creates once per window. */
import { inject, type InjectionKey } from 'vue';

import type { ApiClient } from '../api/client.ts';
import type { JobStore } from './jobs.ts';
import type { WorkspaceStore } from './workspace.ts';

export const API_KEY: InjectionKey<ApiClient> = Symbol('api');
export const JOBS_KEY: InjectionKey<JobStore> = Symbol('jobs');
export const WORKSPACE_KEY: InjectionKey<WorkspaceStore> = Symbol('workspace');

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

export function useWorkspace(): WorkspaceStore {
  const workspace = inject(WORKSPACE_KEY);
  if (!workspace) throw new Error('useWorkspace() needs the workspace store that main.ts provides');
  return workspace;
}
