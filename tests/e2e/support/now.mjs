// The one moment every browser test lives in: Monday 23 November 2026,
// 11:00 in Berlin. The page's clock (Playwright's clock API), the API
// double's timestamps and every expected date come from here, never from
// the machine's clock, so the suite passes on any day. The native tests use
// the same instant (src/domain/testkit.rs). CI runs the suite a second time
// with the machine's clock moved a year ahead and across a daylight-saving
// change (scripts/test.sh) to prove it.
export const NOW = new Date('2026-11-23T10:00:00Z');
