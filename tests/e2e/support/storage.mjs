// Where the portal keeps a person's things in the browser: under
// `<key>@<scope>`, the scope being FNV-1a (64 bits, hex) of the API address
// and the access token (src/storage.rs, person_scope). The language and the
// tab's token keep their plain keys.
export function personKey(key, api, token) {
  let h = 0xcbf29ce484222325n;
  for (const b of new TextEncoder().encode(`${api}\n${token ?? ''}`)) {
    h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return `${key}@${h.toString(16).padStart(16, '0')}`;
}
