/** `npm run worker`: a worker-only process (pipeline, replies, maintenance) for scaling out. */
import { boot } from '../app/main.ts';

void boot({ workers: true, http: false });
