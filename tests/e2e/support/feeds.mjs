// Feeds for the API double, built from the example feed so they always
// follow the documented contract.
import { readFileSync } from 'node:fs';

export const example = () => JSON.parse(readFileSync('demo/portal.json', 'utf8'));

/** The example feed, recognisably from "the agency's API" and not the demo. */
export function agencyFeed() {
  const feed = example();
  feed.agency.name = 'Harbour & Co';
  feed.viewer.name = 'Sam Okoro';
  return feed;
}
