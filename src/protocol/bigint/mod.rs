//! Modular arithmetic on 64-bit limbs, shared by SRP (`crate::protocol::srp`,
//! 3072-bit N) and the RS256 verifier (`crate::tokens::rs256`, 2048 to 8192
//! bits): a Montgomery context per odd modulus, a fixed-window
//! exponentiation for any base, and a comb table for a fixed base.
//!
//! Numbers are little-endian `u64` limbs, as many as the modulus has.
//!
//! # What is constant-time
//!
//! * Montgomery multiplication, squaring and reduction
//!   ([`Montgomery`]): the same instructions for every value, including the
//!   final conditional subtraction (a mask, not a branch).
//! * [`Montgomery::pow`] (general base; SRP's `S`) and [`FixedBase::pow`]
//!   (fixed base; SRP's `g^a` and `g^x`): the sequence of squarings and
//!   multiplications depends only on the exponent's limb count, and every
//!   table entry is read for each window ([`select`]), so neither a branch
//!   nor a memory address depends on the exponent's bits.
//! * [`Montgomery::mod_mul`] and [`Montgomery::mod_sub`] (SRP's `k·g^x` and
//!   `B − k·g^x`): no branch on the values.
//! * Not constant-time: the exponent's length in limbs (and, in
//!   [`FixedBase::pow`], whether it fits the table: SRP's a always does);
//!   the `num-bigint` glue in SRP, which handles public values (parsing,
//!   `B mod N`, `u`) and `a + u·x` (schoolbook, no branch on the digits,
//!   but `num-bigint` makes no promise); the RS256 path, where everything
//!   is public.

mod montgomery;
mod pow;

pub(crate) use montgomery::Montgomery;
pub(crate) use pow::FixedBase;

/// Big-endian bytes to `len` little-endian 64-bit limbs (the bytes must fit).
#[cfg(test)]
pub(crate) fn limbs_from_be(bytes: &[u8], len: usize) -> Vec<u64> {
    let mut limbs = vec![0u64; len];
    limbs_from_be_into(bytes, &mut limbs);
    limbs
}

/// Big-endian bytes into little-endian 64-bit limbs (the bytes must fit;
/// limbs past them are set to 0).
pub(crate) fn limbs_from_be_into(bytes: &[u8], limbs: &mut [u64]) {
    limbs.fill(0);
    for (limb, chunk) in limbs.iter_mut().zip(bytes.rchunks(8)) {
        *limb = chunk.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
    }
}

/// `a < b` for equal-length little-endian limb slices (variable time: for
/// public values only).
pub(crate) fn less_than(a: &[u64], b: &[u64]) -> bool {
    for (x, y) in a.iter().rev().zip(b.iter().rev()) {
        if x != y {
            return x < y;
        }
    }
    false
}

/// Copies entry `index` of `table` (entries of `out.len()` limbs) into
/// `out`, reading every entry and keeping the wanted one with a mask, so the
/// memory accessed does not depend on `index`.
pub(crate) fn select(table: &[u64], index: usize, out: &mut [u64]) {
    let len = out.len();
    out.fill(0);
    for (i, entry) in table.chunks_exact(len).enumerate() {
        // (i ^ index) is small; minus one wraps to the top bit only when it
        // is 0. `black_box` keeps the optimiser from turning the mask back
        // into a branch on `i == index`.
        let mask =
            std::hint::black_box(0u64.wrapping_sub(((i ^ index) as u64).wrapping_sub(1) >> 63));
        for (o, &e) in out.iter_mut().zip(entry) {
            *o |= e & mask;
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test may panic
mod tests;
