//! Exponentiation with a secret exponent: a fixed window for any base
//! ([`Montgomery::pow`]) and a Lim–Lee comb for a fixed base ([`FixedBase`]),
//! both reading their tables with [`select`] (see the module docs of
//! `bigint` for what is constant-time).

use super::{select, Montgomery};

/// Window width of [`Montgomery::pow`]: a table of 2^5 = 32 powers.
const WINDOW: usize = 5;

/// Bit `i` of little-endian limbs (0 past the end).
fn bit(exp: &[u64], i: usize) -> usize {
    exp.get(i / 64)
        .map_or(0, |&l| ((l >> (i % 64)) & 1) as usize)
}

/// The number of significant bits of little-endian limbs.
fn bit_length(exp: &[u64]) -> usize {
    exp.iter()
        .rposition(|&l| l != 0)
        .map_or(0, |i| 64 * i + 64 - exp[i].leading_zeros() as usize)
}

/// Bits `[from, from + WINDOW)` of little-endian limbs (0 past the end).
fn window(exp: &[u64], from: usize) -> usize {
    (0..WINDOW).fold(0, |acc, j| acc | (bit(exp, from + j) << j))
}

impl Montgomery {
    /// `R mod n`: one, in Montgomery form.
    fn one_mont(&self, scratch: &mut [u64]) -> Vec<u64> {
        let len = self.len();
        let mut one = vec![0u64; len];
        one[0] = 1;
        let mut out = vec![0u64; len];
        self.mul(self.r2(), &one, &mut out, scratch);
        out
    }

    /// `a·R mod n` for `a < n` (`len` limbs).
    fn to_mont(&self, a: &[u64], out: &mut [u64], scratch: &mut [u64]) {
        self.mul(a, self.r2(), out, scratch);
    }

    /// `a·R^-1 mod n`: leaves the Montgomery domain.
    fn out_of_mont(&self, a: &[u64], scratch: &mut [u64]) -> Vec<u64> {
        let len = self.len();
        let mut one = vec![0u64; len];
        one[0] = 1;
        let mut out = vec![0u64; len];
        self.mul(a, &one, &mut out, scratch);
        out
    }

    /// `a·b mod n` for plain `a, b < n` (`len` limbs each), constant-time:
    /// `a·R` first, then a Montgomery product with `b`.
    pub(crate) fn mod_mul(&self, a: &[u64], b: &[u64]) -> Vec<u64> {
        let len = self.len();
        let mut scratch = vec![0u64; 2 * len + 1];
        let mut a_mont = vec![0u64; len];
        self.to_mont(a, &mut a_mont, &mut scratch);
        let mut out = vec![0u64; len];
        self.mul(&a_mont, b, &mut out, &mut scratch);
        out
    }

    /// `a − b mod n` for `a, b < n` (`len` limbs each), constant-time: the
    /// difference, then `n` added back under a mask when it borrowed.
    pub(crate) fn mod_sub(&self, a: &[u64], b: &[u64]) -> Vec<u64> {
        let len = self.len();
        let mut out = vec![0u64; len];
        let mut borrow = 0u64;
        for ((o, &x), &y) in out.iter_mut().zip(&a[..len]).zip(&b[..len]) {
            let (d1, b1) = x.overflowing_sub(y);
            let (d2, b2) = d1.overflowing_sub(borrow);
            *o = d2;
            borrow = u64::from(b1 | b2);
        }
        let mask = 0u64.wrapping_sub(borrow);
        let mut carry = 0u64;
        for (o, &nj) in out.iter_mut().zip(self.modulus()) {
            let v = u128::from(*o) + u128::from(nj & mask) + u128::from(carry);
            *o = v as u64;
            carry = (v >> 64) as u64;
        }
        out
    }

    /// `base^exp mod n` for `base < n` (`len` limbs) and any exponent
    /// (little-endian limbs), as plain limbs. Fixed window of 5 bits: 32
    /// precomputed powers, then per window five squarings and one
    /// multiplication by the entry read with [`select`].
    pub(crate) fn pow(&self, base: &[u64], exp: &[u64]) -> Vec<u64> {
        let len = self.len();
        let mut scratch = vec![0u64; 2 * len + 1];
        let size = 1 << WINDOW;
        let mut table = vec![0u64; size * len];
        let one = self.one_mont(&mut scratch);
        table[..len].copy_from_slice(&one);
        let mut tmp = vec![0u64; len];
        self.to_mont(base, &mut tmp, &mut scratch);
        table[len..2 * len].copy_from_slice(&tmp);
        for i in 2..size {
            let (done, rest) = table.split_at_mut(i * len);
            let out = &mut rest[..len];
            if i % 2 == 0 {
                let half = &done[i / 2 * len..(i / 2 + 1) * len];
                self.sqr(half, out, &mut scratch);
            } else {
                let prev = &done[(i - 1) * len..i * len];
                self.mul(prev, &done[len..2 * len], out, &mut scratch);
            }
        }
        let windows = (exp.len() * 64).div_ceil(WINDOW);
        let mut acc = one;
        let mut entry = vec![0u64; len];
        for k in (0..windows).rev() {
            if k + 1 != windows {
                for _ in 0..WINDOW {
                    self.sqr(&acc, &mut tmp, &mut scratch);
                    std::mem::swap(&mut acc, &mut tmp);
                }
            }
            select(&table, window(exp, k * WINDOW), &mut entry);
            self.mul(&acc, &entry, &mut tmp, &mut scratch);
            std::mem::swap(&mut acc, &mut tmp);
        }
        self.out_of_mont(&acc, &mut scratch)
    }
}

/// A precomputed table for `g^e mod n` with one fixed base `g` (Lim–Lee comb):
/// with `h` teeth spaced `d` bits apart, entry `j` holds the product of
/// `g^(2^(k·d))` over the bits `k` set in `j`. An exponent of up to `h·d` bits
/// then costs `d − 1` squarings and `d` multiplications, against about
/// `1.2·h·d` for [`Montgomery::pow`]; longer exponents fall back to it.
#[derive(Clone)]
pub(crate) struct FixedBase {
    /// The base, plain limbs (for the fallback).
    base: Vec<u64>,
    /// Number of teeth `h`: the table has `2^h` entries.
    teeth: usize,
    /// Spacing `d` between teeth, in bits.
    spacing: usize,
    /// `2^h` entries of `len` limbs, in Montgomery form.
    table: Vec<u64>,
}

impl FixedBase {
    /// The table for `base < n` (`len` limbs) and exponents of up to
    /// `max_bits` bits, with `teeth` teeth (`2^teeth` entries).
    pub(crate) fn new(mont: &Montgomery, base: &[u64], teeth: usize, max_bits: usize) -> Self {
        let len = mont.len();
        let spacing = max_bits.div_ceil(teeth).max(1);
        let mut scratch = vec![0u64; 2 * len + 1];
        // powers[k] = g^(2^(k·d)), Montgomery form.
        let mut powers = vec![0u64; teeth * len];
        let mut tmp = vec![0u64; len];
        mont.to_mont(base, &mut tmp, &mut scratch);
        powers[..len].copy_from_slice(&tmp);
        for k in 1..teeth {
            for _ in 0..spacing {
                let mut out = vec![0u64; len];
                mont.sqr(&tmp, &mut out, &mut scratch);
                tmp = out;
            }
            powers[k * len..(k + 1) * len].copy_from_slice(&tmp);
        }
        let size = 1usize << teeth;
        let mut table = vec![0u64; size * len];
        table[..len].copy_from_slice(&mont.one_mont(&mut scratch));
        for j in 1..size {
            let top = usize::BITS as usize - 1 - j.leading_zeros() as usize;
            let rest = j & !(1 << top);
            let power = &powers[top * len..(top + 1) * len];
            let (done, todo) = table.split_at_mut(j * len);
            let out = &mut todo[..len];
            if rest == 0 {
                out.copy_from_slice(power);
            } else {
                mont.mul(
                    &done[rest * len..(rest + 1) * len],
                    power,
                    out,
                    &mut scratch,
                );
            }
        }
        Self {
            base: base.to_vec(),
            teeth,
            spacing,
            table,
        }
    }

    /// `g^exp mod n` as plain limbs, for an exponent of any length
    /// (little-endian limbs); `mont` must be the context the table was built with.
    pub(crate) fn pow(&self, mont: &Montgomery, exp: &[u64]) -> Vec<u64> {
        let (teeth, d) = (self.teeth, self.spacing);
        if bit_length(exp) > teeth * d {
            return mont.pow(&self.base, exp);
        }
        let len = mont.len();
        let mut scratch = vec![0u64; 2 * len + 1];
        let mut acc = vec![0u64; len];
        let mut tmp = vec![0u64; len];
        let mut entry = vec![0u64; len];
        for i in (0..d).rev() {
            let index = (0..teeth).fold(0, |acc, k| acc | (bit(exp, k * d + i) << k));
            if i + 1 == d {
                select(&self.table, index, &mut acc);
                continue;
            }
            mont.sqr(&acc, &mut tmp, &mut scratch);
            select(&self.table, index, &mut entry);
            mont.mul(&tmp, &entry, &mut acc, &mut scratch);
        }
        mont.out_of_mont(&acc, &mut scratch)
    }
}
