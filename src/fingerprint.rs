//! A small stable hash (64-bit FNV-1a) for change detection: the same inputs give the same key on
//! every machine and every run, so unchanged cards can be skipped on rerun.

/// Accumulates bytes into a 64-bit FNV-1a hash.
#[derive(Debug, Clone, Copy)]
pub struct Fingerprint(u64);

impl Default for Fingerprint {
    fn default() -> Self {
        Fingerprint(0xcbf2_9ce4_8422_2325)
    }
}

impl Fingerprint {
    pub fn bytes(mut self, bytes: &[u8]) -> Self {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        // A length suffix keeps ("ab", "c") and ("a", "bc") apart.
        for b in (bytes.len() as u64).to_le_bytes() {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        self
    }

    pub fn str(self, text: &str) -> Self {
        self.bytes(text.as_bytes())
    }

    pub fn hex(self) -> String {
        format!("{:016x}", self.0)
    }
}

/// The hash of a file's bytes, as stored in the manifest.
pub fn file_hash(bytes: &[u8]) -> String {
    Fingerprint::default().bytes(bytes).hex()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_sensitive_to_boundaries() {
        assert_eq!(
            Fingerprint::default().str("a").hex(),
            Fingerprint::default().str("a").hex()
        );
        assert_ne!(
            Fingerprint::default().str("ab").str("c").hex(),
            Fingerprint::default().str("a").str("bc").hex()
        );
        assert_eq!(file_hash(b""), "a8c7f832281a39c5");
    }
}
