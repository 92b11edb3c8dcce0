// Prints the shell settings that move a process's clock (libfaketime) to
// one minute before the first daylight-saving change in New York at least
// a year from now, so a test run started under them lives a year ahead and
// crosses the change. A relative offset, so every process (the test
// programs, node and the test files node starts) sees the same moved clock. Used by
// scripts/with-far-clock.sh.
const ZONE = 'America/New_York';
const offsetMinutes = (t) => {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: ZONE, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
    }).formatToParts(t).map((x) => [x.type, x.value]),
  );
  return (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(t / 60000) * 60000) / 60000;
};
const now = Date.now();
const hour = 3600e3;
let t = Math.floor((now + 365 * 24 * hour) / hour) * hour;
const start = offsetMinutes(t);
while (offsetMinutes(t + hour) === start) t += hour;
const change = t + hour; // the first whole hour with the new offset
const target = change - 60e3;
const offset = Math.round((target - now) / 1000);
console.log(`export FAKETIME='+${offset}s'`);
console.log(`export FAKE_CLOCK_ZONE='${ZONE}'`);
