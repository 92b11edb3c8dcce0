//! Random tokens, references and their hashes.

use hmac::{Hmac, Mac};
use rand::{rngs::OsRng, RngCore};
use sha2::{Digest, Sha256};

/// Letters a person can read out on the phone: no 0/O, 1/I/L, U.
const READABLE: &[u8] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A 256-bit random token, as 64 lowercase hex digits (URL-safe).
pub fn new_token() -> String {
    let mut b = [0u8; 32];
    OsRng.fill_bytes(&mut b);
    hex(&b)
}

/// What is stored of a token: its SHA-256, hex.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// `len` random readable characters.
pub fn readable(len: usize) -> String {
    (0..len)
        .map(|_| READABLE[(OsRng.next_u32() as usize) % READABLE.len()] as char)
        .collect()
}

/// A reference a client can quote, e.g. `ESC-2026-7K3Q9M`.
pub fn reference(prefix: &str, year: i32) -> String {
    format!("{prefix}-{year}-{}", readable(6))
}

/// An id for a row the server creates, e.g. `cm-7k3q9m2x`.
pub fn id(prefix: &str) -> String {
    format!("{prefix}-{}", readable(10).to_ascii_lowercase())
}

/// The webhook signature: HMAC-SHA256 of `timestamp.body`, hex.
pub fn sign(secret: &str, timestamp: &str, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    hex(&mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_256_bit_and_only_their_hash_is_kept() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), a);
        // The SHA-256 of "abc", as published.
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn references_are_readable() {
        let r = reference("ESC", 2026);
        assert!(r.starts_with("ESC-2026-"), "{r}");
        assert!(r[9..].bytes().all(|c| READABLE.contains(&c)), "{r}");
    }

    #[test]
    fn signatures_match_rfc_4231_style_hmac() {
        // HMAC-SHA256(key="key", "The quick brown fox jumps over the lazy dog")
        let mut mac = Hmac::<Sha256>::new_from_slice(b"key").unwrap();
        mac.update(b"The quick brown fox jumps over the lazy dog");
        assert_eq!(
            hex(&mac.finalize().into_bytes()),
            "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
        );
        assert_eq!(sign("key", "1", "x"), sign("key", "1", "x"));
        assert_ne!(sign("key", "1", "x"), sign("key", "2", "x"));
    }
}
