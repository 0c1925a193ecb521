import { createApp } from 'vue';

import App from './App.vue';
import { createApiClient } from './api/client.ts';
import { createAppI18n } from './i18n/index.ts';
import { createJobStore } from './state/jobs.ts';
import { API_KEY, JOBS_KEY, WORKSPACE_KEY } from './state/context.ts';
import { createWorkspaceStore } from './state/workspace.ts';
import './styles.css';

const api = createApiClient();

createApp(App)
  .use(createAppI18n())
  .provide(API_KEY, api)
  .provide(JOBS_KEY, createJobStore(api))
  .provide(WORKSPACE_KEY, createWorkspaceStore(api))
  .mount('#app');
