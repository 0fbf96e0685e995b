/**
 * Runs once before any test file: builds the dashboard UI when it is missing or stale, so that the
 * browser tests, which run in parallel files, never build it at the same time and read a half-written
 * dist/ (on a clean clone every one of them would find it missing).
 */
import { ensureBuilt } from './helpers/browser.ts';

export default function setup(): void {
  ensureBuilt();
}
