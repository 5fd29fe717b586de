import { z } from 'zod';
import { peakRssMb, sendResult } from './child.js';
import { benchLuccaFetch } from './lucca-fetch.js';

export const fetchResultSchema = z.object({
  label: z.string(),
  seconds: z.number(),
  baselineSeconds: z.number(),
  ratio: z.number(),
  notes: z.string(),
  peakRssMb: z.number(),
});

/** Child process: `benchLuccaFetch()` (fake Lucca and client in this process), plus its peak RSS. */
if (process.argv[2] === 'run') sendResult({ ...(await benchLuccaFetch()), peakRssMb: peakRssMb() });
