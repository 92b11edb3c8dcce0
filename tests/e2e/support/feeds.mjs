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

/**
 * A long-running client: the agency feed with `deliverables` more
 * deliverables (each with the example's versions), and `approvals` and
 * `deadlines` more of those, all with their own ids and varied dates,
 * statuses and scopes, for the benchmark (scripts/bench.sh).
 */
export function bigFeed({ deliverables = 5000, approvals = 1000, deadlines = 1000 } = {}) {
  const feed = agencyFeed();
  const [d0] = feed.deliverables;
  const [a0] = feed.approvals;
  const decided = feed.approvals.find((a) => a.decision);
  const [dl0] = feed.deadlines;
  const statuses = ['planned', 'in_progress', 'in_review', 'changes_requested', 'approved', 'delivered'];
  const scopes = ['included', 'change_order', 'out_of_scope'];
  const day = (i) => new Date(Date.UTC(2026, 0, 1) + (i % 700) * 864e5).toISOString().slice(0, 10);
  for (let i = 0; i < deliverables; i++) {
    const id = `d-bulk-${i}`;
    feed.deliverables.push({
      ...d0,
      id,
      title: `Campaign asset ${i + 1}: ${['banner', 'newsletter', 'landing page', 'video cut', 'post series'][i % 5]}`,
      summary: `Piece ${i + 1} of the long-running programme, made for the ${['spring', 'summer', 'autumn', 'winter'][i % 4]} season.`,
      status: statuses[i % statuses.length],
      scope: scopes[i % 7 === 0 ? 1 : i % 11 === 0 ? 2 : 0],
      due: day(i),
      versions: d0.versions.map((v) => ({ ...v, id: `${id}-${v.id}` })),
    });
  }
  for (let i = 0; i < approvals; i++) {
    const d = feed.deliverables[feed.deliverables.length - 1 - (i % Math.max(deliverables, 1))];
    feed.approvals.push({
      ...a0,
      id: `a-bulk-${i}`,
      deliverable_id: d.id,
      version_id: d.versions[d.versions.length - 1].id,
      title: `${d.title} — final`,
      due: day(i + 300),
      ...(i % 3 === 0 ? { status: 'pending' } : { status: 'approved', decision: decided.decision }),
    });
  }
  for (let i = 0; i < deadlines; i++) {
    feed.deadlines.push({
      ...dl0,
      id: `dl-bulk-${i}`,
      title: `Milestone ${i + 1}`,
      due: day(i + 200),
      owner: i % 2 ? 'client' : 'agency',
      deliverable_id: feed.deliverables[6 + (i % deliverables)].id,
      done: i % 4 === 0,
    });
  }
  return feed;
}
