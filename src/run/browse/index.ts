/** Reading runs without opening JSONL: the store's runs listed, one run example by example. */
export { listRuns, type RunListing } from './list.js';
export { showRun, type ExampleRow, type ShowFilter } from './show.js';
