// Reads `cargo test --no-run --message-format=json` on stdin and prints the
// test programs cargo built, one a line (scripts/test.sh runs them under a
// moved clock, where cargo itself would hang).
let input = '';
process.stdin.on('data', (d) => (input += d)).on('end', () => {
  for (const line of input.split('\n')) {
    if (!line.startsWith('{')) continue;
    const m = JSON.parse(line);
    if (m.reason === 'compiler-artifact' && m.executable && m.profile?.test) console.log(m.executable);
  }
});
