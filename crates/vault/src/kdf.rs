//! scrypt cost bounds: what a keystore or a vault file may ask of this machine, and the
//! least a vault is ever written with.

/// Most memory one derivation may take: 128·r·N bytes, at most 512 MiB.
pub const MAX_MEMORY: u64 = 512 << 20;
/// Most total work one derivation may take: 128·r·N·p, at most 1 GiB. That is four times
/// geth's and cast's standard keystores (N=2^18, r=8, p=1: 256 MiB) and about forty
/// times geth's light ones (N=2^12, r=8, p=6).
pub const MAX_WORK: u64 = 1 << 30;
/// The least log2 N a vault is written with (N=2^15).
pub const MIN_VAULT_LOG_N: u8 = 15;
/// The least r a vault is written with (with N=2^15: 32 MiB of memory).
pub const MIN_VAULT_R: u32 = 8;

const MIB: u128 = 1 << 20;

/// Checks scrypt parameters against [`MAX_MEMORY`] and [`MAX_WORK`] (and against
/// scrypt's own rules) without deriving anything; the error says what was asked.
pub fn check_scrypt(log_n: u8, r: u32, p: u32) -> Result<(), String> {
    let shown = format!("scrypt parameters N=2^{log_n}, r={r}, p={p}");
    if log_n == 0 || r == 0 || p == 0 {
        return Err(format!("{shown} are invalid (N must be at least 2, r and p at least 1)"));
    }
    if log_n > 63 {
        return Err(format!("{shown} ask for more memory than exists (the limit is {} MiB)", MAX_MEMORY >> 20));
    }
    // 128·r·N fits in u128: r < 2^32, N < 2^64.
    let memory = 128 * u128::from(r) * (1u128 << log_n);
    if memory > u128::from(MAX_MEMORY) {
        return Err(format!("{shown} ask for {} MiB of memory (the limit is {} MiB)", memory / MIB, MAX_MEMORY >> 20));
    }
    let work = memory * u128::from(p);
    if work > u128::from(MAX_WORK) {
        return Err(format!("{shown} ask for {} MiB of total work (the limit is {} MiB)", work / MIB, MAX_WORK >> 20));
    }
    scrypt::Params::new(log_n, r, p, 32).map(|_| ()).map_err(|_| format!("{shown} are not valid scrypt parameters"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_by_memory_and_work() {
        // (log_n, r, p, accepted)
        for (log_n, r, p, ok) in [
            (18, 8, 1, true),        // geth/cast standard: 256 MiB
            (12, 8, 6, true),        // geth light: 4 MiB × 6
            (13, 8, 1, true),        // MyEtherWallet
            (15, 8, 1, true),        // the vault floor
            (19, 8, 1, true),        // 512 MiB: the memory limit itself
            (18, 8, 4, true),        // 1 GiB of work: the work limit itself
            (20, 8, 1, false),       // 1 GiB of memory
            (20, 32, 16, false),     // 4 GiB of memory
            (18, 8, 5, false),       // 1.25 GiB of work
            (10, 8, 1 << 20, false), // little memory, endless work
            (64, 8, 1, false),
            (255, 1, 1, false),
            (0, 8, 1, false),
            (15, 0, 1, false),
            (15, 8, 0, false),
            (18, 1, 8, false), // RFC 7914: N must be below 2^(16r)
        ] {
            assert_eq!(
                check_scrypt(log_n, r, p).is_ok(),
                ok,
                "N=2^{log_n} r={r} p={p}: {:?}",
                check_scrypt(log_n, r, p)
            );
        }
        let err = check_scrypt(20, 32, 16).expect_err("4 GiB");
        assert!(err.contains("4096 MiB of memory"), "{err}");
    }
}
